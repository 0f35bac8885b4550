using System.Text.Json;
using McpRegistryAuth.Core.Files;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Reads the answer of the registry's <c>GET /api/iam/proxied-entities</c> (registry/api/proxied_entities_routes.py,
/// list_proxied_entities): <c>{"proxied_entities": [{"entity_type", "path", "authz_key", "name", ...}], "count": n}</c>,
/// or the bare array. An item is read from <c>entity_type</c> and <c>path</c>, or from <c>authz_key</c> alone.
/// </summary>
public static class ProxiedEntityListReader
{
    public const string ListKey = "proxied_entities";

    /// <exception cref="FileContentException">The file is not JSON of that shape; the message names the item and field.</exception>
    public static IReadOnlyList<ProxiedEntity> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<ProxiedEntity> Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new FileContentException(path, "ProxiedEntitiesNotJson", $"'{path}' is not JSON ({ex.Message}): save the body of GET /api/iam/proxied-entities.", ex) { Line = (int?)ex.LineNumber + 1 };
        }

        using (document)
        {
            var root = document.RootElement;
            var list = root.ValueKind == JsonValueKind.Object && root.TryGetProperty(ListKey, out var items) ? items : root;
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new FileContentException(path, "ProxiedEntitiesShape", $"'{path}' holds no '{ListKey}' array: save the body of GET /api/iam/proxied-entities ({{\"{ListKey}\": [...], \"count\": n}}).");
            }

            var entities = new List<ProxiedEntity>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                entities.Add(Item(item, index++, path));
            }

            return entities;
        }
    }

    private static ProxiedEntity Item(JsonElement item, int index, string path)
    {
        string? Text(string name) => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var type = Text("entity_type");
        var entityPath = Text("path");
        var name = Text("name");
        if (!string.IsNullOrWhiteSpace(type) && !string.IsNullOrWhiteSpace(entityPath) && entityPath.Trim('/').Length > 0)
        {
            return new ProxiedEntity { EntityType = type, RegisteredPath = entityPath.Trim('/'), Name = name };
        }

        if (Text("authz_key") is { } key)
        {
            try
            {
                return ProxiedEntity.Parse(key) with { Name = name };
            }
            catch (ArgumentException ex)
            {
                throw new FileContentException(path, "ProxiedEntitiesShape", $"'{path}' {ListKey}[{index}].authz_key: {ex.Message}", ex);
            }
        }

        throw new FileContentException(path, "ProxiedEntitiesShape", $"'{path}' {ListKey}[{index}] has neither 'entity_type' and 'path' strings nor an 'authz_key': each item of GET /api/iam/proxied-entities has them.");
    }
}
