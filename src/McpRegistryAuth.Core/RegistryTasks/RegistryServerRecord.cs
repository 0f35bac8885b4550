using System.Text.Json;
using McpRegistryAuth.Core.Payloads;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>
/// A server as a registry lists it, in the names the module's cmdlets share: Name, Path and Url (the MCP URL a
/// client connects to, as the gateway builds it), so a server record pipes into the group, toggle and
/// client-configuration cmdlets.
/// </summary>
public sealed record RegistryServerRecord
{
    public required string Name { get; init; }

    /// <summary>The gateway path ('/weather'); null for an entry of the v0.1 registry API, which has none.</summary>
    public string? Path { get; init; }

    public string? Url { get; init; }

    public string? ProxyPassUrl { get; init; }

    public string? Description { get; init; }

    public bool? Enabled { get; init; }

    public string[] Tags { get; init; } = [];

    public int? ToolCount { get; init; }

    public string? Version { get; init; }

    /// <summary>The record's version for If-Match (W/"epoch-ms"), from the answer's ETag or the record's updated_at.</summary>
    public string? ETag { get; init; }

    /// <summary>
    /// A gateway /api/servers record, or an entry of the v0.1 API ({server: {...}, _meta}) of the gateway or
    /// ToolHive, whose URL is its first remote's.
    /// </summary>
    public static RegistryServerRecord From(JsonPayload record, Uri registryUrl, string? etagHeader = null) => From(record.Element, registryUrl, etagHeader);

    internal static RegistryServerRecord From(JsonElement record, Uri registryUrl, string? etagHeader = null)
    {
        ArgumentNullException.ThrowIfNull(registryUrl);
        if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("server", out var server) && server.ValueKind == JsonValueKind.Object)
        {
            return FromV01(server);
        }

        var path = JsonFields.Text(record, "path");
        var transports = JsonFields.List(record, "supported_transports", "transports");
        return new RegistryServerRecord
        {
            Name = JsonFields.Text(record, "server_name", "display_name", "name") ?? path?.Trim('/') ?? "",
            Path = path,
            Url = GatewayMcpUrl.For(registryUrl, path, JsonFields.Text(record, "mcp_endpoint"), JsonFields.Flag(record, "append_mcp_path") ?? true, transports),
            ProxyPassUrl = JsonFields.Text(record, "proxy_pass_url"),
            Description = JsonFields.Text(record, "description"),
            Enabled = JsonFields.Flag(record, "is_enabled", "enabled"),
            Tags = JsonFields.List(record, "tags"),
            ToolCount = JsonFields.Number(record, "num_tools", "tool_list"),
            Version = JsonFields.Text(record, "version"),
            ETag = ServerVersionTag.From(etagHeader, record),
        };
    }

    private static RegistryServerRecord FromV01(JsonElement server)
    {
        string? url = null;
        if (server.TryGetProperty("remotes", out var remotes) && remotes.ValueKind == JsonValueKind.Array)
        {
            url = remotes.EnumerateArray().Select(r => JsonFields.Text(r, "url")).FirstOrDefault(u => u is not null);
        }

        return new RegistryServerRecord
        {
            Name = JsonFields.Text(server, "name") ?? "",
            Url = url,
            Description = JsonFields.Text(server, "description"),
            Version = JsonFields.Text(server, "version"),
            Tags = JsonFields.List(server, "tags"),
            ToolCount = JsonFields.Number(server, "tools"),
        };
    }
}
