namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// Which body encoding the MCP Gateway Registry expects on a path, as its own registry client sends it
/// (api/registry_client.py _make_request): JSON for the families whose routes read a JSON model, a form for
/// the older server routes (register, toggle, remove, groups add/remove/create/delete), which read Form
/// fields and answer 422 to JSON. Paths outside /api/ (ToolHive, toolregistry-server, /v0.1/) take JSON.
/// </summary>
public static class GatewayBodyEncodingRule
{
    // /api/{family}... whose routes take JSON. "custom" covers /api/custom/ and /api/custom-types,
    // "rate-limit" covers /api/rate-limits, /api/rate-limits-enabled and /api/rate-limit-*.
    private static readonly string[] JsonFamilies =
    [
        "agents", "management", "iam", "search", "ard", "federation", "peers", "skills", "virtual-servers",
        "custom", "admin", "rate-limit", "v1/registry",

        // Not called by the registry client, but the route reads a JSON model with a nested resource object.
        "tokens",
    ];

    // Path endings whose routes take JSON wherever they are.
    private static readonly string[] JsonSuffixes = ["/auth-credential", "/rate", "/versions/default", "/groups/import"];

    public static BodyEncoding For(string method, string path, string rootPath = "")
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var api = rootPath.TrimEnd('/') + "/api/";
        if (!path.StartsWith(api, StringComparison.Ordinal))
        {
            return BodyEncoding.Json;
        }

        var rest = path[api.Length..];
        if (JsonFamilies.Any(f => rest.StartsWith(f, StringComparison.Ordinal)))
        {
            return BodyEncoding.Json;
        }

        var trimmed = path.TrimEnd('/');
        if (JsonSuffixes.Any(s => trimmed.EndsWith(s, StringComparison.Ordinal)) || trimmed.Contains("/versions", StringComparison.Ordinal) || trimmed.Contains("/egress-", StringComparison.Ordinal))
        {
            return BodyEncoding.Json;
        }

        // PUT and PATCH of a server record (update-server, patch-server) send the whole JSON document.
        if (rest.StartsWith("servers/", StringComparison.Ordinal) && (method.Equals("PUT", StringComparison.OrdinalIgnoreCase) || method.Equals("PATCH", StringComparison.OrdinalIgnoreCase)))
        {
            return BodyEncoding.Json;
        }

        return BodyEncoding.Form;
    }
}
