using System.Text.Json;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>The server's normalisation of a claim value: a string, or the string elements of an array; anything else is empty.</summary>
public static class ClaimValues
{
    public static IReadOnlyList<string> Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
        _ => [],
    };

    /// <summary>The top-level claim named exactly <paramref name="name"/> (case-sensitive), normalised; empty when absent.</summary>
    public static IReadOnlyList<string> Get(JsonElement claims, string name) =>
        claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty(name, out var value) ? Of(value) : [];
}
