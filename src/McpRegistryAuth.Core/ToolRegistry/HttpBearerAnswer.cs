namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// What FastAPI's <c>HTTPBearer()</c> answers before the server's own check runs, when the
/// Authorization header is missing, empty or not a bearer header. The answer changed in FastAPI 0.122.0.
/// </summary>
public sealed record HttpBearerAnswer(int Status, string Detail, string? WwwAuthenticate, string FastApiRange)
{
    /// <summary>The first FastAPI release answering 401 with WWW-Authenticate (fastapi PR #13786).</summary>
    public static Version FirstVersionWith401 { get; } = new(0, 122, 0);

    public const string NotAuthenticated = "Not authenticated";

    public const string InvalidCredentials = "Invalid authentication credentials";

    public string Body => $"{{\"detail\":\"{Detail}\"}}";

    /// <summary>The answers of every FastAPI range for the given header problem, or the one <paramref name="fastApi"/> picks.</summary>
    public static IReadOnlyList<HttpBearerAnswer> For(bool headerMissing, Version? fastApi)
    {
        // Before 0.122: 403 and no WWW-Authenticate; a wrong scheme had its own detail.
        var before = new HttpBearerAnswer(403, headerMissing ? NotAuthenticated : InvalidCredentials, null, "FastAPI 0.119.0 to 0.121.x");
        var from = new HttpBearerAnswer(401, NotAuthenticated, "Bearer", "FastAPI 0.122.0 and later");
        if (fastApi is null) return [before, from];
        return [IsAtLeast(fastApi, FirstVersionWith401) ? from : before];
    }

    // Version(0, 122) has Build -1 and would sort before 0.122.0; missing parts count as 0.
    private static bool IsAtLeast(Version version, Version minimum)
    {
        var normalized = new Version(version.Major, Math.Max(version.Minor, 0), Math.Max(version.Build, 0));
        return normalized >= minimum;
    }
}
