using System.Collections;
using System.Management.Automation;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Calls a registry's API (MCP Gateway Registry, ToolHive Registry Server, toolregistry-server) with the token
/// in the header the server reads: the body encoded as the path expects, every page of a listing with -All,
/// retries for idempotent calls, and a 401 or 403 explained in the error.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "RegistryApi", SupportsShouldProcess = true, DefaultParameterSetName = TokenSet)]
[OutputType(typeof(PSObject), typeof(RegistryApiRawResponse))]
public sealed class InvokeRegistryApiCommand : RegistryCmdlet
{
    private const string TokenSet = "Token";
    private const string TokenFileSet = "TokenFile";

    private readonly OperationLog log = new();
    private McpProfile? profile;
    private bool bodyOnCommandLine;
    private bool tokenOnCommandLine;

    // Parameters are described in docs/Invoke-RegistryApi.md, which the help is built from.
    [Parameter(Mandatory = true, Position = 0), ValidateNotNullOrEmpty]
    public string Uri { get; set; } = "";

    [Parameter(Position = 1), Alias("HttpMethod")]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    [Parameter(ValueFromPipeline = true)]
    public object? Body { get; set; }

    [Parameter]
    public IDictionary? Query { get; set; }

    [Parameter, ArgumentCompleter(typeof(HeaderNameCompleter))]
    public IDictionary? Header { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? RegistryUrl { get; set; }

    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    [Parameter, ValidateSet(nameof(Core.RegistryType.Gateway), nameof(Core.RegistryType.ToolHive), nameof(Core.RegistryType.ToolRegistry))]
    public string? RegistryType { get; set; }

    [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true), Alias("AccessToken", "access_token")]
    [TokenInputTransformation]
    public TokenInput? Token { get; set; }

    [Parameter(ParameterSetName = TokenFileSet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter] public SwitchParameter All { get; set; }

    [Parameter] public SwitchParameter Raw { get; set; }

    [Parameter, ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 100;

    [Parameter, ValidateRange(0, 20)]
    public int MaximumRetryCount { get; set; } = 3;

    [Parameter] public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    [Parameter] public SwitchParameter AsPlainText { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? ScopesPath { get; set; }

    protected override void BeginProcessing()
    {
        (bodyOnCommandLine, tokenOnCommandLine) = (MyInvocation.BoundParameters.ContainsKey(nameof(Body)), MyInvocation.BoundParameters.ContainsKey(nameof(Token)));
        profile = Profile is null ? null : RunOrStop(() => new McpProfileStore(McpProfileStore.DefaultPath).Get(Profile));
        if (ScopesPath is not null) LoadScopes(ScopesPath);
    }

    // Each input's failure (token file, URL, the answer) is a non-terminating error, as in Test-RegistryToken.
    protected override void ProcessRecord() => RunOrWriteError(() =>
    {
        // A token object piped in binds -Token by property name and -Body by value: it is the token, not a body.
        var body = !bodyOnCommandLine && !tokenOnCommandLine && Token is not null ? null : Body;
        var (token, tokenChecks) = ReadToken(Token, TokenFile);
        WriteChecks(tokenChecks);
        var call = new RegistryApiCall
        {
            Uri = Uri, Method = Method, Body = PowerShellJson.ToPlain(body), Query = Query, Headers = Dictionaries.ToStrings(Header).ToList(),
            RegistryUrl = RegistryUrl, Profile = profile, EnvironmentRegistryUrl = Environment.GetEnvironmentVariable("REGISTRY_URL"),
            RegistryType = RegistryType, Token = token, Timeout = TimeSpan.FromSeconds(TimeoutSec), MaximumRetryCount = MaximumRetryCount,
            AllowUnencryptedAuthentication = AllowUnencryptedAuthentication, Scopes = ScopesPath is null ? null : ScopesFor(ScopesPath), AsPlainText = AsPlainText, ResolvePath = ResolvePath,
        };
        var invoker = RegistryApiInvoker.Open(call, log);
        Drain();
        if (invoker.Request.Method is not ("GET" or "HEAD") && !ShouldProcessUnlessForced(Force, invoker.Request.Uri.AbsoluteUri, invoker.Request.Method)) return;
        try
        {
            Write(invoker);
        }
        finally
        {
            // The diagnosis' lines come before the error they explain.
            if (!Stopping) Drain();
        }
    });

    private void Write(RegistryApiInvoker invoker)
    {
        if (All && !Raw)
        {
            foreach (var item in invoker.Items(Cancellation, masked: false))
            {
                Drain();
                WriteObject(PowerShellJson.ToPowerShell(item, invoker.MasksTokens));
            }

            return;
        }

        var response = invoker.Send(Cancellation);
        Drain();
        if (Raw)
        {
            WriteObject(new RegistryApiRawResponse { StatusCode = response.Status, ReasonPhrase = response.ReasonPhrase, Method = response.Method, Uri = response.Uri, Headers = invoker.RawHeaders(response), Body = invoker.RawBody(response), Attempts = response.Attempts });
        }
        else if (response.Body.Length > 0)
        {
            if (!response.LooksLikeJson)
            {
                WriteObject(response.BodyText);
                return;
            }

            using var json = invoker.Parse(response, masked: false);
            WriteObject(PowerShellJson.ToPowerShell(json, invoker.MasksTokens), enumerateCollection: true);
        }
    }

    private void Drain() => log.Drain(WriteVerbose, WriteDebug, WriteWarning);
}
