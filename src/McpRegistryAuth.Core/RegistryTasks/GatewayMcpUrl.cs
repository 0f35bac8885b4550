namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>
/// The MCP URL a client connects to for a gateway server, as the gateway's own UI and token refresher build
/// it: the server's mcp_endpoint when it has one; else the registry's origin and root path, the server's
/// path, and /mcp (or /sse for a server that only speaks SSE), unless append_mcp_path is false or the path
/// already ends with the suffix.
/// </summary>
public static class GatewayMcpUrl
{
    public static string? For(Uri registryUrl, string? path, string? mcpEndpoint, bool appendMcpPath, IReadOnlyList<string> transports)
    {
        ArgumentNullException.ThrowIfNull(registryUrl);
        ArgumentNullException.ThrowIfNull(transports);
        if (!string.IsNullOrWhiteSpace(mcpEndpoint)) return mcpEndpoint;
        if (string.IsNullOrWhiteSpace(path)) return null;
        var root = registryUrl.GetLeftPart(UriPartial.Authority) + registryUrl.AbsolutePath.TrimEnd('/');
        var url = root + "/" + path.Trim('/');
        if (!appendMcpPath) return url;
        var sseOnly = transports.Count > 0 && transports.All(t => t.Equals("sse", StringComparison.OrdinalIgnoreCase));
        var suffix = sseOnly ? "/sse" : "/mcp";
        return url.EndsWith(suffix, StringComparison.Ordinal) ? url : url + suffix;
    }
}
