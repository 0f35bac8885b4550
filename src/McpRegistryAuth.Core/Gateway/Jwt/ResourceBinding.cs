using System.Text.RegularExpressions;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Which requests a resource-bound self-signed token may make (registry/auth/resource_binding.py:
/// <c>check_resource_token_allowed</c>, <c>is_resource_token_introspection_path</c>, <c>classify_request_url</c>,
/// <c>normalize_resource_id</c>). Paths are urlparse(X-Original-URL).path: runs of '/' are merged and
/// REGISTRY_ROOT_PATH is removed at a segment boundary, but '..' and percent-encodings stay as they are.
/// </summary>
internal static partial class ResourceBinding
{
    /// <summary>Registry API prefixes no resource-bound token may reach (a prefix matches itself and below it).</summary>
    public static readonly IReadOnlyList<string> BlockedPrefixes =
        ["/api/tokens", "/api/admin", "/api/search", "/api/federation", "/api/registry", "/api/peers", "/api/config", "/api/auth"];

    /// <summary>The introspection endpoint every token may reach although it lies under a blocked prefix.</summary>
    public const string IntrospectionPath = "/api/auth/me";

    private static readonly (string Prefix, string Type)[] ApiPrefixes = [("/api/agents/", "agent"), ("/api/skills/", "skill"), ("/api/servers/", "server")];

    private static readonly string[] TransportSegments = ["mcp", "sse", "messages"];

    [GeneratedRegex("/{2,}")]
    private static partial Regex ConsecutiveSlashes();

    /// <summary>False when the path is one of the blocked registry endpoints (or empty).</summary>
    public static bool Allowed(string path, string rootPath)
    {
        if (path.Length == 0)
        {
            return false;
        }

        var prepared = Prepare(path, rootPath, stripTrailing: true);
        return prepared == IntrospectionPath || !BlockedPrefixes.Any(b => prepared == b || prepared.StartsWith(b + "/", StringComparison.Ordinal));
    }

    public static bool IsIntrospection(string path, string rootPath) => path.Length > 0 && Prepare(path, rootPath, stripTrailing: true) == IntrospectionPath;

    /// <summary>The resource a request addresses as (type, id), or null when the path names none.</summary>
    public static (string Type, string Id)? Classify(string path, string rootPath)
    {
        if (path.Length == 0)
        {
            return null;
        }

        var prepared = Prepare(path, rootPath, stripTrailing: false);
        if (prepared.StartsWith("/api/", StringComparison.Ordinal) || prepared == "/api")
        {
            foreach (var (prefix, type) in ApiPrefixes)
            {
                if (prepared.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var id = prepared[prefix.Length..].Split('/', 2)[0];
                    return id.Length == 0 ? null : (type, id);
                }
            }

            return null;
        }

        if (prepared.StartsWith("/virtual/", StringComparison.Ordinal))
        {
            var parts = WithoutTransport(prepared["/virtual/".Length..].Trim('/'));
            return parts.Length == 0 ? null : ("virtual_server", "virtual/" + parts);
        }

        var server = WithoutTransport(prepared.Trim('/'));
        return server.Length == 0 ? null : ("server", server);
    }

    /// <summary><c>normalize_resource_id</c>: white space, then leading and trailing '/', stripped.</summary>
    public static string NormalizeId(string raw) => PythonText.Strip(raw).Trim('/');

    private static string WithoutTransport(string rest)
    {
        if (rest.Length == 0)
        {
            return rest;
        }

        var parts = rest.Split('/');
        return string.Join('/', TransportSegments.Contains(parts[^1]) ? parts[..^1] : parts);
    }

    private static string Prepare(string path, string rootPath, bool stripTrailing)
    {
        var normalized = ConsecutiveSlashes().Replace(path.StartsWith('/') ? path : "/" + path, "/");
        var root = PythonText.Strip(rootPath).Trim('/');
        if (root.Length > 0)
        {
            var candidate = "/" + root;
            if (normalized == candidate || normalized.StartsWith(candidate + "/", StringComparison.Ordinal))
            {
                normalized = normalized[candidate.Length..];
                normalized = normalized.Length == 0 ? "/" : normalized;
            }
        }

        return stripTrailing && normalized.Length > 1 && normalized.EndsWith('/') ? normalized.TrimEnd('/') : normalized;
    }
}
