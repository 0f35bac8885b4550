using System.Management.Automation;
using System.Security;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Payloads;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.RegistryTasks;

namespace McpRegistryAuth.Internal;

/// <summary>
/// The base of the server, group and agent cmdlets: Invoke-RegistryApi's registry and token parameters, and
/// each request sent through the same RegistryApi core (token header rule, retries, paging, 401/403
/// diagnosis). Writes go through ShouldProcess with the request itself as the description, so -WhatIf shows
/// method, URL and body (credential fields as fingerprints).
/// </summary>
public abstract class RegistryTaskCmdlet : RegistryCmdlet
{
    private readonly OperationLog log = new();
    private McpProfile? profile;
    private Secret? token;

    // Parameters are described in the docs page of each cmdlet, which the help is built from.
    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? RegistryUrl { get; set; }

    [Parameter, ValidateNotNullOrEmpty, ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    [Parameter, Alias("AccessToken")]
    [TokenInputTransformation]
    public TokenInput? Token { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter, ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 100;

    [Parameter, ValidateRange(0, 20)]
    public int MaximumRetryCount { get; set; } = 3;

    [Parameter] public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    protected override void BeginProcessing()
    {
        profile = Profile is null ? null : RunOrStop(() => new McpProfileStore(McpProfileStore.DefaultPath).Get(Profile));
        if (Token is not null && TokenFile is not null)
        {
            ThrowTerminatingError(NewError(new ArgumentException("-Token and -TokenFile both give the token; give one."), "TokenGivenTwice", ErrorCategory.InvalidArgument, null, "Keep -Token or -TokenFile."));
        }

        var (read, checks) = RunOrStop(() => ReadToken(Token, TokenFile));
        token = read;
        WriteChecks(checks);
    }

    /// <summary>Settles a request (URL, encoding, token header) without sending it; a refusal stops the command.</summary>
    private protected RegistryApiInvoker Open(RegistryTaskRequest request)
    {
        var call = new RegistryApiCall
        {
            Uri = request.Path, Method = request.Method, Body = request.Body, Headers = request.Headers,
            RegistryUrl = RegistryUrl, Profile = profile, EnvironmentRegistryUrl = Environment.GetEnvironmentVariable("REGISTRY_URL"),
            Token = token, Timeout = TimeSpan.FromSeconds(TimeoutSec), MaximumRetryCount = MaximumRetryCount,
            AllowUnencryptedAuthentication = AllowUnencryptedAuthentication, ResolvePath = ResolvePath,
        };
        var invoker = RunOrStop(() => RegistryApiInvoker.Open(call, log));
        Drain();
        return invoker;
    }

    /// <summary>ShouldProcess for a write: -WhatIf prints the request that would be sent.</summary>
    private protected bool Confirm(RegistryApiInvoker invoker, string action)
    {
        var preview = $"{action}: {RequestPreview.Describe(invoker.Request)}";
        return ShouldProcess(preview, preview + Environment.NewLine + "Send it?", action);
    }

    /// <summary>Sends one request; a failure is written as a non-terminating error (null).</summary>
    private protected RegistryApiResponse? Send(RegistryApiInvoker invoker)
    {
        RegistryApiResponse? response = null;
        try
        {
            RunOrWriteError(() => response = invoker.Send(Cancellation));
        }
        finally
        {
            if (!Stopping) Drain();
        }

        return response;
    }

    /// <summary>Sends a GET and hands its JSON to <paramref name="write"/>; false when it failed (error written).</summary>
    private protected bool Read(RegistryApiInvoker invoker, Action<JsonPayload, RegistryApiResponse> write)
    {
        if (Send(invoker) is not { } response) return false;
        if (response.Body.Length == 0) return true;
        return RunOrWriteError(() =>
        {
            using var json = invoker.Parse(response);
            write(json, response);
        });
    }

    /// <summary>Every item of a listing, page by page as the route pages, each handed to <paramref name="write"/> as it arrives.</summary>
    private protected void ReadAll(RegistryApiInvoker invoker, Action<JsonPayload> write)
    {
        try
        {
            RunOrWriteError(() =>
            {
                foreach (var item in invoker.Items(Cancellation))
                {
                    Drain();
                    write(item);
                }
            });
        }
        finally
        {
            if (!Stopping) Drain();
        }
    }

    /// <summary>The registry URL a request went to: its URL without the route's path (root path kept).</summary>
    private protected static Uri RegistryBase(RegistryApiInvoker invoker, RegistryTaskRequest request)
    {
        var uri = invoker.Request.Uri;
        var path = uri.AbsolutePath;
        var root = path.EndsWith(request.Path, StringComparison.Ordinal) ? path[..^request.Path.Length] : "";
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + root + "/");
    }

    /// <summary>Reads one gateway server by its path (GET /api/servers{path}); null when it failed (error written).</summary>
    private protected Output.RegistryServer? ReadServer(string path)
    {
        var request = RunOrStop(() => ServerTaskRequests.Get(path));
        var invoker = Open(request);
        var registry = RegistryBase(invoker, request);
        Output.RegistryServer? server = null;
        Read(invoker, (json, response) => server = RegistryRecords.ToServer(RegistryServerRecord.From(json, registry, response.HeaderValues("ETag").FirstOrDefault()), registry));
        return server;
    }

    private protected void Verbose(string text) => WriteVerbose(text);

    private void Drain() => log.Drain(WriteVerbose, WriteDebug, WriteWarning);
}
