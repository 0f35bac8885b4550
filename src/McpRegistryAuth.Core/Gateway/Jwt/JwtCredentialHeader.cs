namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Which header carries the gateway credential (auth_server/server.py:2925-2945): X-Authorization when present and
/// non-empty, else Authorization; on an A2A path (<c>/agent/&lt;segments&gt;</c>) only X-Authorization counts.
/// </summary>
public sealed record JwtCredentialHeader(string? Value, string? HeaderName, bool IsAgentPath, bool DuplicatesAuthorization)
{
    public static JwtCredentialHeader From(GatewayJwtRequest request, IReadOnlyDictionary<string, string> environment)
    {
        var isAgent = IsAgentRequestPath(PathOf(request.OriginalUrl), RootPath(environment));
        var x = request.Header("X-Authorization");
        var plain = request.Header("Authorization");
        if (!string.IsNullOrEmpty(x))
        {
            var duplicate = isAgent && !string.IsNullOrEmpty(plain) && string.Equals(Normalize(x), Normalize(plain), StringComparison.Ordinal);
            return new JwtCredentialHeader(x, "X-Authorization", isAgent, duplicate);
        }

        return isAgent ? new JwtCredentialHeader(null, null, true, false) : new JwtCredentialHeader(plain, plain is null ? null : "Authorization", false, false);
    }

    /// <summary><c>REGISTRY_ROOT_PATH</c> (default <c>ROOT_PATH</c>, default empty) without trailing slashes.</summary>
    public static string RootPath(IReadOnlyDictionary<string, string> environment)
    {
        var root = environment.TryGetValue("REGISTRY_ROOT_PATH", out var r) ? r : environment.TryGetValue("ROOT_PATH", out var p) ? p : "";
        return root.TrimEnd('/');
    }

    /// <summary>The path of a URL as Python's urlparse gives it (query and fragment dropped).</summary>
    public static string PathOf(string? url)
    {
        if (string.IsNullOrEmpty(url)) return "";
        var text = url;
        var cut = text.IndexOfAny(new[] { '?', '#' });
        if (cut >= 0) text = text[..cut];
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return text;
        var slash = text.IndexOf('/', scheme + 3);
        return slash < 0 ? "" : text[slash..];
    }

    /// <summary><c>{root}/agent/&lt;seg…&gt;</c> with at least one segment and no empty segment.</summary>
    public static bool IsAgentRequestPath(string path, string rootPath)
    {
        if (!path.StartsWith(rootPath + "/agent/", StringComparison.Ordinal)) return false;
        var rest = path[(rootPath.Length + "/agent/".Length)..];
        const string card = ".well-known/agent-card.json";
        if (rest.EndsWith(card, StringComparison.Ordinal)) rest = rest[..^card.Length].TrimEnd('/');
        if (rest.EndsWith('/')) rest = rest[..^1];
        if (rest.Length == 0) return false;
        return rest.Split('/').All(s => s.Length > 0);
    }

    /// <summary>Both headers compared without an optional case-insensitive "bearer " prefix and surrounding whitespace.</summary>
    private static string Normalize(string value)
    {
        var v = value.Trim();
        if (v.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase)) v = v[7..].Trim();
        return v;
    }
}
