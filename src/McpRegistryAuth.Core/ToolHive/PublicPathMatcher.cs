using McpRegistryAuth.Core.Go;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The server's <c>IsPublicPath</c> (internal/auth/config.go): whole-segment matching after
/// <c>path.Clean</c>, case-sensitive, no globs; <c>/</c> makes everything public; a request path
/// still holding <c>%2f</c> or <c>%2e</c> (double-encoded) is never public.
/// </summary>
public static class PublicPathMatcher
{
    /// <summary>
    /// True when <paramref name="requestPath"/> (percent-decoded, Go's <c>r.URL.Path</c>) is public under
    /// <paramref name="publicPaths"/> (defaults plus configured: <see cref="ToolHiveAuthConfig.EffectivePublicPaths"/>).
    /// </summary>
    public static bool IsPublic(string requestPath, IEnumerable<string> publicPaths)
    {
        ArgumentNullException.ThrowIfNull(requestPath);
        ArgumentNullException.ThrowIfNull(publicPaths);
        var lower = requestPath.ToLowerInvariant();
        if (lower.Contains("%2f", StringComparison.Ordinal) || lower.Contains("%2e", StringComparison.Ordinal)) return false;
        var clean = Rooted(GoPath.Clean(requestPath));
        foreach (var publicPath in publicPaths)
        {
            var cleanPublic = Normalize(publicPath);
            if (cleanPublic == "/") return true;
            if (clean == cleanPublic) return true;
            if (clean.StartsWith(cleanPublic + "/", StringComparison.Ordinal)) return true;
        }

        return false;
    }

    /// <summary>A configured public path as the matcher sees it (cleaned, leading slash added): <c>custom/</c> → <c>/custom</c>, <c>""</c> → <c>/.</c>.</summary>
    public static string Normalize(string publicPath) => Rooted(GoPath.Clean(publicPath));

    /// <summary>Decodes a raw request target the way Go fills <c>r.URL.Path</c> (one round of percent-decoding).</summary>
    public static string DecodeRequestPath(string rawPath)
    {
        var question = rawPath.IndexOf('?');
        if (question >= 0) rawPath = rawPath[..question];
        return Uri.UnescapeDataString(rawPath);
    }

    private static string Rooted(string cleaned) => cleaned.StartsWith('/') ? cleaned : "/" + cleaned;
}
