namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// Paths FastAPI registers itself with Starlette's add_route, outside the app's global dependencies,
/// so the bearer check never runs on them; and the paths the ETag middleware answers before auth.
/// </summary>
public static class NeverProtectedPaths
{
    /// <summary>FastAPI's schema and documentation routes (default URLs; the server keeps the defaults).</summary>
    public static IReadOnlyList<string> Paths { get; } = ["/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"];

    /// <summary>GET paths whose If-None-Match the ETag middleware answers with 304 before routing and auth.</summary>
    public static IReadOnlyList<string> ETagPaths { get; } = ["/tools", "/openapi.json"];

    public static bool IsNeverProtected(string path) => Paths.Contains(Normalize(path), StringComparer.Ordinal);

    public static bool IsETagPath(string path) => ETagPaths.Contains(Normalize(path), StringComparer.Ordinal);

    // Starlette matches the path without the query string; routing is case-sensitive.
    private static string Normalize(string path)
    {
        var query = path.IndexOfAny(['?', '#']);
        return query < 0 ? path : path[..query];
    }
}
