using System.Text.Json;
using McpRegistryAuth.Core.Payloads;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>A server group of the gateway (GET /api/servers/groups[/{name}]): its name and the servers in it.</summary>
public sealed record RegistryGroupRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The member servers' names or paths, as the gateway lists them.</summary>
    public string[] Servers { get; init; } = [];

    /// <summary>The groups of a listing: an array, or an object holding "groups" as an array or as a map of name to group.</summary>
    public static IEnumerable<RegistryGroupRecord> FromListing(JsonPayload root) => FromListing(root.Element);

    internal static IEnumerable<RegistryGroupRecord> FromListing(JsonElement root)
    {
        var groups = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("groups", out var inner) ? inner : root;
        if (groups.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in groups.EnumerateArray())
            {
                yield return item.ValueKind == JsonValueKind.String ? new RegistryGroupRecord { Name = item.GetString()! } : From(item);
            }
        }
        else if (groups.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in groups.EnumerateObject())
            {
                yield return From(property.Value, property.Name);
            }
        }
    }

    /// <summary>One group as the registry answered it.</summary>
    public static RegistryGroupRecord From(JsonPayload group, string? name = null) => From(group.Element, name);

    internal static RegistryGroupRecord From(JsonElement group, string? name = null)
    {
        if (group.ValueKind == JsonValueKind.Object && group.TryGetProperty("group", out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            group = inner;
        }

        return new RegistryGroupRecord
        {
            Name = JsonFields.Text(group, "name", "group_name", "scope_name") ?? name ?? "",
            Description = JsonFields.Text(group, "description"),
            Servers = group.ValueKind == JsonValueKind.Array ? JsonFields.Items(group) : JsonFields.List(group, "servers", "server_names", "members"),
        };
    }
}
