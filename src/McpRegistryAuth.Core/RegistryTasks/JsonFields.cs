using System.Text.Json;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>Reading a registry record's fields by the names the servers use, tolerant of their shapes across releases.</summary>
internal static class JsonFields
{
    public static string? Text(JsonElement record, params string[] names)
    {
        if (record.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
        {
            if (!record.TryGetProperty(name, out var value)) continue;
            switch (value.ValueKind)
            {
                case JsonValueKind.String when value.GetString() is { Length: > 0 } s:
                    return s;
                case JsonValueKind.Number:
                    return value.GetRawText();
            }
        }

        return null;
    }

    public static bool? Flag(JsonElement record, params string[] names)
    {
        if (record.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
        {
            if (record.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        }

        return null;
    }

    public static int? Number(JsonElement record, params string[] names)
    {
        if (record.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
        {
            if (record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) return n;
            if (record.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Array) return value.GetArrayLength();
        }

        return null;
    }

    /// <summary>A list of strings: a JSON array of strings (or of objects with a name), or a comma-separated string.</summary>
    public static string[] List(JsonElement record, params string[] names)
    {
        if (record.ValueKind != JsonValueKind.Object) return [];
        foreach (var name in names)
        {
            if (!record.TryGetProperty(name, out var value)) continue;
            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }

            if (value.ValueKind == JsonValueKind.Array) return Items(value);
        }

        return [];
    }

    /// <summary>The strings of an array: each string, or each object's name (server_name, name, path or url).</summary>
    public static string[] Items(JsonElement array) => array.EnumerateArray()
        .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : Text(v, "server_name", "name", "path", "url"))
        .OfType<string>().ToArray();
}
