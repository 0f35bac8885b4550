namespace McpRegistryAuth.Core.Gateway;

/// <summary>Path tests of the auth server, each a plain case-sensitive prefix test on urlparse(url).path.</summary>
public static class GatewayPaths
{
    public const string SessionCookieName = "mcp_gateway_session";

    /// <summary>_is_registry_api_request (server.py:2564-2589): {root}/api/ or {root}/v0.1/.</summary>
    public static bool IsRegistryApi(string path, string rootPath) =>
        path.Length > 0 && (path.StartsWith(rootPath + "/api/", StringComparison.Ordinal) || path.StartsWith(rootPath + "/v0.1/", StringComparison.Ordinal));

    /// <summary>Federation paths (server.py:892-896). The bare "/api/peers" test ignores the root path, as the server does.</summary>
    public static bool IsFederation(string path, string rootPath) =>
        path.StartsWith(rootPath + "/api/federation/", StringComparison.Ordinal)
        || path.StartsWith(rootPath + "/api/peers/", StringComparison.Ordinal)
        || path.StartsWith("/api/peers", StringComparison.Ordinal);

    /// <summary>A2A agent path (server.py:2592-2634): {root}/agent/ then at least one segment, none empty.</summary>
    public static bool IsAgent(string path, string rootPath) => AgentPath(path, rootPath) is not null;

    /// <summary>The agent an A2A path addresses, as the gateway names it ("/" and the segments after /agent/); null for any other path.</summary>
    public static string? AgentPath(string path, string rootPath)
    {
        if (!path.StartsWith(rootPath + "/agent/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[(rootPath.Length + "/agent/".Length)..];
        if (rest.EndsWith(".well-known/agent-card.json", StringComparison.Ordinal))
        {
            rest = rest[..^".well-known/agent-card.json".Length];
        }

        rest = rest.TrimEnd('/');
        return rest.Length > 0 && rest.Split('/').All(s => s.Length > 0) ? "/" + rest : null;
    }

    /// <summary>The session-cookie test (server.py:3101): a substring test on the raw Cookie header, valid or not.</summary>
    public static bool HasSessionCookie(GatewayRequest request) =>
        request.Header("Cookie")?.Reveal().Contains(SessionCookieName + "=", StringComparison.Ordinal) == true;
}
