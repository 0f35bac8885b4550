using System.Collections;
using System.Globalization;
using McpRegistryAuth.Core.Payloads;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>
/// The gateway's server, group and agent operations as its registry client (registry_management.py) sends
/// them: which method and path, and which fields in a form or which JSON document.
/// </summary>
public static class ServerTaskRequests
{
    /// <summary>The listing route: the gateway's /api/servers, its v0.1 registry API, or a ToolHive registry's v0.1 API.</summary>
    public static RegistryTaskRequest List(bool v01, string? toolHiveRegistry) => toolHiveRegistry is { Length: > 0 }
        ? new("GET", $"/registry/{Uri.EscapeDataString(toolHiveRegistry)}/v0.1/servers")
        : new("GET", v01 ? "/v0.1/servers" : "/api/servers");

    public static RegistryTaskRequest Get(string path) => new("GET", "/api/servers" + ServerPath.Normalize(path));

    /// <summary>POST /api/servers/register: the server's fields as form fields (tags comma-separated, as the gateway splits them).</summary>
    public static RegistryTaskRequest Register(ServerRegistration server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var path = ServerPath.Normalize(server.Path);
        var form = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = server.Name,
            ["description"] = server.Description ?? "",
            ["path"] = path,
            ["proxy_pass_url"] = server.ProxyPassUrl,
            ["tags"] = string.Join(",", server.Tags),
            ["num_tools"] = server.ToolCount?.ToString(CultureInfo.InvariantCulture),
            ["license"] = server.License,
            ["supported_transports"] = server.Transports.Count == 0 ? null : string.Join(",", server.Transports),
            ["mcp_endpoint"] = server.McpEndpoint,
            ["overwrite"] = server.Overwrite ? "true" : null,
        };
        foreach (DictionaryEntry extra in server.AdditionalFields ?? new Hashtable())
        {
            form[Convert.ToString(extra.Key, CultureInfo.InvariantCulture) ?? ""] = extra.Value;
        }

        return new("POST", "/api/servers/register", form) { Action = $"register server {path} ({server.Name})" };
    }

    /// <summary>POST /api/servers/toggle with the path and the state wanted (the gateway's toggle reads the server first).</summary>
    public static RegistryTaskRequest Toggle(string path, bool enable)
    {
        var normalized = ServerPath.Normalize(path);
        var form = new Dictionary<string, object?> { ["path"] = normalized, ["new_state"] = enable ? "true" : "false" };
        return new("POST", "/api/servers/toggle", form) { Action = $"{(enable ? "enable" : "disable")} server {normalized}" };
    }

    public static RegistryTaskRequest Remove(string path)
    {
        var normalized = ServerPath.Normalize(path);
        return new("POST", "/api/servers/remove", new Dictionary<string, object?> { ["path"] = normalized }) { Action = $"unregister server {normalized}" };
    }

    /// <summary>PUT (whole record) or PATCH (the fields given) of /api/servers{path}, JSON, with If-Match when the version read is known.</summary>
    public static RegistryTaskRequest Update(string path, IDictionary fields, string? etag, bool replace)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var normalized = ServerPath.Normalize(path);
        return new(replace ? "PUT" : "PATCH", "/api/servers" + normalized, fields)
        {
            Headers = etag is null ? [] : [new("If-Match", etag)],
            Action = $"{(replace ? "replace" : "update")} server {normalized} ({string.Join(", ", fields.Keys.Cast<object>())})",
        };
    }

    /// <summary>The record as read with the changes laid over it, for a PUT that sends the whole document.</summary>
    public static Dictionary<string, object?> Merge(JsonPayload current, IDictionary changes) => Merge(current.Element, changes);

    internal static Dictionary<string, object?> Merge(System.Text.Json.JsonElement current, IDictionary changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (current.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var property in current.EnumerateObject()) merged[property.Name] = property.Value.Clone();
        }

        foreach (DictionaryEntry change in changes) merged[Convert.ToString(change.Key, CultureInfo.InvariantCulture) ?? ""] = change.Value;
        return merged;
    }

    public static RegistryTaskRequest ListGroups() => new("GET", "/api/servers/groups");

    public static RegistryTaskRequest GetGroup(string name) => new("GET", "/api/servers/groups/" + Uri.EscapeDataString(name));

    /// <summary>POST /api/servers/groups/add or /remove: the server's name and the groups, comma-separated.</summary>
    public static RegistryTaskRequest GroupMembership(string serverName, IReadOnlyList<string> groups, bool add)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var form = new Dictionary<string, object?> { ["server_name"] = serverName, ["group_names"] = string.Join(",", groups) };
        return new("POST", add ? "/api/servers/groups/add" : "/api/servers/groups/remove", form)
        {
            Action = $"{(add ? "add" : "remove")} server {serverName} {(add ? "to" : "from")} group(s) {string.Join(", ", groups)}",
        };
    }

    /// <summary>POST /api/servers/groups/import: one import-group document, as JSON text.</summary>
    public static RegistryTaskRequest ImportGroup(string documentJson, string scopeName) =>
        new("POST", "/api/servers/groups/import", documentJson) { Action = $"import group {scopeName}" };

    public static RegistryTaskRequest ListAgents() => new("GET", "/api/agents");

    public static RegistryTaskRequest GetAgent(string path) => new("GET", "/api/agents" + ServerPath.Normalize(path));
}
