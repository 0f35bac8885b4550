using McpRegistryAuth.Core.Requests;

namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// A token test against toolregistry-server started with <c>openapi --tokens FILE</c>: one verdict, or one per
/// FastAPI range when the answer depends on the FastAPI version and none is given.
/// </summary>
public sealed class ToolRegistryTokenTest : ITokenTest
{
    /// <summary>The path probed when no URL is given: the tool list, which the bearer check protects.</summary>
    public const string DefaultProbePath = "/tools";

    private readonly BearerTokenAuth auth;
    private readonly Version? fastApiVersion;

    /// <param name="auth">The bearer check over the server's tokens file.</param>
    /// <param name="fastApiVersion">The server's FastAPI version, which decides the answer to a missing header; null when unknown.</param>
    public ToolRegistryTokenTest(BearerTokenAuth auth, Version? fastApiVersion)
    {
        ArgumentNullException.ThrowIfNull(auth);
        this.auth = auth;
        this.fastApiVersion = fastApiVersion;
    }

    /// <summary>The path Starlette routes on: the URL's path as sent (not decoded), <see cref="DefaultProbePath"/> without a URL.</summary>
    public static string ProbePath(Uri? uri) =>
        uri is null ? DefaultProbePath : uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString;

    /// <summary>
    /// The server's request: an explicit Authorization header is parsed as the server parses it and wins over the token;
    /// an If-None-Match header is noted because it changes what a cached answer looks like.
    /// </summary>
    public ToolRegistryRequest ToServerRequest(TokenTestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = ProbePath(request.Uri);
        var authorization = request.Header("Authorization");
        var serverRequest = authorization is not null
            ? ToolRegistryRequest.FromAuthorizationHeader(authorization, path)
            : new ToolRegistryRequest { Token = request.Token, Path = path };
        return serverRequest with { SendsIfNoneMatch = request.Header("If-None-Match") is not null, FastApiVersion = fastApiVersion };
    }

    /// <summary>The server's verdicts, each starting with the token file's checks.</summary>
    public IReadOnlyList<Verdict> Answer(TokenTestRequest request) =>
        auth.Answer(ToServerRequest(request)).Select(request.WithTokenFileChecks).ToArray();

    /// <summary>-Quiet: the server accepts only if it accepts under every FastAPI range still possible.</summary>
    public static bool AllAccepted(IReadOnlyList<Verdict> verdicts) => verdicts.All(v => v.Accepted);

    Task<IReadOnlyList<Verdict>> ITokenTest.EvaluateAsync(TokenTestRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    IEnumerable<Check> ITokenTest.ChecksToReport(Verdict verdict) => verdict.Checks;
}
