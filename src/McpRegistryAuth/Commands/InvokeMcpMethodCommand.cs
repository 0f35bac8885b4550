using System.Management.Automation;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core.McpProtocol;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Sends one JSON-RPC method to an MCP server over Streamable HTTP or SSE, in a session of its own
/// (initialize first, closed at the end), with the token in the header the gateway reads; writes the
/// result (or, with -All, every item of every page of a list) to the pipeline.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "McpMethod", SupportsShouldProcess = true, DefaultParameterSetName = TokenSet)]
[OutputType(typeof(PSObject))]
public sealed class InvokeMcpMethodCommand : RegistryCmdlet
{
    private const string TokenSet = "Token";
    private const string ProfileSet = "Profile";

    // Parameters are described in docs/Invoke-McpMethod.md, which the help is built from.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), Alias("Url"), ValidateNotNullOrEmpty]
    public string Uri { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1), ValidateNotNullOrEmpty, ArgumentCompleter(typeof(McpMethodCompleter))]
    public string Method { get; set; } = "";

    [Parameter(Position = 2, ValueFromPipeline = true)]
    public object? Params { get; set; }

    [Parameter(ParameterSetName = TokenSet, ValueFromPipelineByPropertyName = true), Alias("AccessToken", "access_token")]
    [TokenInputTransformation]
    public TokenInput? Token { get; set; }

    [Parameter(ParameterSetName = ProfileSet, Mandatory = true), ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    [Parameter, ValidateSet(nameof(McpTransportKind.StreamableHttp), nameof(McpTransportKind.Sse), nameof(McpTransportKind.AutoDetect))]
    public string Transport { get; set; } = nameof(McpTransportKind.StreamableHttp);

    [Parameter] public SwitchParameter All { get; set; }

    [Parameter, ValidateSet("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28", "Latest")]
    public string? ProtocolVersion { get; set; }

    [Parameter, ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 30;

    [Parameter, ValidateNotNullOrEmpty]
    public string? ScopesPath { get; set; }

    [Parameter] public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    protected override void BeginProcessing()
    {
        if (ScopesPath is not null) LoadScopes(ScopesPath);
    }

    protected override void ProcessRecord() => RunOrWriteError(() =>
    {
        // A token object piped in binds -Token by property name and -Params by value: it is the token, not params.
        var parameters = Token is not null && !MyInvocation.BoundParameters.ContainsKey(nameof(Params)) ? null : Params;
        var (token, tokenChecks) = ReadToken(Token);
        WriteChecks(tokenChecks);
        // tools/call runs the tool: confirmed like any change (-WhatIf shows it); reads and lists are not.
        if (Method == "tools/call" && !ShouldProcess(Uri, Method)) return;
        var profile = Profile is null ? null : RunOrStop(() => new McpProfileStore(McpProfileStore.DefaultPath).Get(Profile));
        var scopes = ScopesPath is null ? null : ScopesFor(ScopesPath);
        var paramsJson = McpToolArguments.ParamsJson(parameters);
        // A failure is returned, not thrown, so that it is this input's error and the pipeline goes on.
        var (results, failure) = RunAsyncOrStop(async (log, cancellation) =>
        {
            try
            {
                var options = await McpConnectionSetup.CreateAsync(Uri, token, profile, Transport, TimeSpan.FromSeconds(TimeoutSec), AllowUnencryptedAuthentication, ProtocolVersion, ResolvePath, log, cancellation).ConfigureAwait(false);
                return (await McpMethodInvoker.InvokeAsync(options, Method, paramsJson, All, scopes, log, cancellation).ConfigureAwait(false), (CommandFailureException?)null);
            }
            catch (CommandFailureException ex)
            {
                return ([], ex);
            }
        });
        if (failure is not null) throw failure;
        foreach (var result in results)
        {
            WriteObject(PowerShellJson.ToPowerShell(result, maskTokens: false), enumerateCollection: false);
        }
    });
}
