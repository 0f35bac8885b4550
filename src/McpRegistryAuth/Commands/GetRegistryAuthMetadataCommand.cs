using System.Collections.Concurrent;
using System.Management.Automation;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Discovers how a protected registry wants to be called, the way an MCP client does: the 401
/// challenge, the RFC 9728 protected-resource metadata and each authorization server's metadata.
/// With -WwwAuthenticate alone it only parses the header.
/// </summary>
/// <remarks>
/// Header is the default set because -WwwAuthenticate is in both sets: PowerShell resolves a call that
/// fits two sets to the default one, so with Uri as the default, -WwwAuthenticate alone asked for -Uri.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "RegistryAuthMetadata", DefaultParameterSetName = HeaderSet)]
[OutputType(typeof(RegistryAuthMetadata), ParameterSetName = [UriSet])]
[OutputType(typeof(AuthenticationChallenge), ParameterSetName = [HeaderSet])]
public sealed class GetRegistryAuthMetadataCommand : RegistryCmdlet
{
    private const string UriSet = "Uri";
    private const string HeaderSet = "Header";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = UriSet)]
    [Alias("Url", "RegistryUri")]
    [ValidateNotNullOrEmpty]
    public string Uri { get; set; } = "";

    [Parameter(ParameterSetName = UriSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = HeaderSet)]
    [ValidateNotNullOrEmpty]
    public string? WwwAuthenticate { get; set; }

    [Parameter(ParameterSetName = UriSet)]
    [ValidateNotNullOrEmpty]
    public string? CaCertPath { get; set; }

    [Parameter(ParameterSetName = UriSet)]
    [ValidateRange(1, 300)]
    public int TimeoutSec { get; set; } = 30;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == HeaderSet)
        {
            var challenges = WwwAuthenticateParser.Parse(WwwAuthenticate);
            if (challenges.Count == 0)
            {
                WriteError(NewError(new ArgumentException("The WWW-Authenticate value holds no challenge."), "WwwAuthenticateEmpty", ErrorCategory.InvalidArgument, WwwAuthenticate));
            }

            foreach (var challenge in challenges)
            {
                foreach (var problem in challenge.Problems)
                {
                    WriteWarning(problem);
                }
            }

            WriteObject(challenges, enumerateCollection: true);
            return;
        }

        // Parsed by the core rather than bound as System.Uri, so a relative or malformed value gets its error id.
        var registryUri = RunOrStop(() => RegistryAuthMetadataClient.ParseRegistryUri(Uri));
        var trust = RunOrStop(() => TrustRoots.FromOptionalPemFile(CaCertPath is null ? null : ResolvePath(CaCertPath)));

        // HttpClient logs from thread-pool threads, and PowerShell refuses WriteDebug off the pipeline
        // thread (the refusal would surface as a failed request), so lines are queued and written here.
        var debugLines = new ConcurrentQueue<string>();
        using var client = HttpClientFactory.Create(new HttpClientOptions
        {
            Trust = trust,
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
            Log = debugLines.Enqueue,
        });
        RegistryAuthMetadata result;
        try
        {
            result = new RegistryAuthMetadataClient(client).DiscoverAsync(registryUri, WwwAuthenticate, Cancellation).GetAwaiter().GetResult();
        }
        finally
        {
            while (!Stopping && debugLines.TryDequeue(out var line))
            {
                WriteDebug(line);
            }
        }

        WriteChecks(result.Checks);
        WriteFindings(result.Findings);
        WriteObject(result);
    }
}
