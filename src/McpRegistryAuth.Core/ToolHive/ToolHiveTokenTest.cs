using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// A token test against a ToolHive Registry Server started with one configuration file: a configuration the
/// server refuses gives the "does not start" verdict; otherwise the request goes through the auth middleware.
/// </summary>
public sealed class ToolHiveTokenTest : ITokenTest
{
    private readonly ToolHiveConfigReport report;
    private readonly ToolHiveTokenStage stage;

    public ToolHiveTokenTest(ToolHiveConfigReport report, ToolHiveTokenStage stage)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stage);
        this.report = report;
        this.stage = stage;
    }

    /// <summary>An explicit Authorization header is sent as given and wins over the <c>Bearer</c> header the token builds.</summary>
    public static string? AuthorizationHeader(TokenTestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Header("Authorization")?.Reveal() ?? (request.Token is null ? null : "Bearer " + request.Token.Reveal());
    }

    /// <summary>The path the middleware sees: Go's r.URL.Path (one round of percent-decoding, no query); "/" without a URL.</summary>
    public static string RequestPath(Uri? uri) =>
        uri is null ? "/" : PublicPathMatcher.DecodeRequestPath(uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString);

    /// <summary>The verdict for a configuration the server refuses at startup: no status, the first error as the reason.</summary>
    public static Verdict ServerDoesNotStart(ToolHiveConfigReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Verdict
        {
            RegistryType = RegistryType.ToolHive,
            Detail = "The registry server does not start with this configuration: " + (report.FirstError?.Message ?? "no auth section could be read"),
            Findings = report.Findings,
        };
    }

    public async Task<Verdict> EvaluateAsync(TokenTestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!report.ServerWouldStart || report.Config is null)
        {
            return request.WithTokenFileChecks(ServerDoesNotStart(report));
        }

        var verdict = await stage.EvaluateAsync(report.Config, RequestPath(request.Uri), AuthorizationHeader(request), request.At, cancellationToken).ConfigureAwait(false);
        return request.WithTokenFileChecks(verdict with { Findings = report.Findings });
    }

    async Task<IReadOnlyList<Verdict>> ITokenTest.EvaluateAsync(TokenTestRequest request, CancellationToken cancellationToken) =>
        [await EvaluateAsync(request, cancellationToken).ConfigureAwait(false)];

    IEnumerable<Check> ITokenTest.ChecksToReport(Verdict verdict) => verdict.Checks;
}
