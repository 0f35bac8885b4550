using System.Collections;
using System.Text.Json;

namespace McpRegistryAuth.Internal;

/// <summary>
/// -ToolArguments @{ tool = @{ name = value } } as the MCP client sends them: each tool's arguments as plain
/// values (hashtables, arrays, PSCustomObjects and scalars) that the core writes as ConvertTo-Json would.
/// </summary>
internal static class McpToolArguments
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> From(Hashtable? given)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        if (given is null) return result;
        foreach (DictionaryEntry entry in given)
        {
            var tool = entry.Key?.ToString() ?? "";
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (PowerShellJson.ToPlain(entry.Value) is IDictionary values)
            {
                foreach (DictionaryEntry argument in values)
                {
                    arguments[argument.Key?.ToString() ?? ""] = argument.Value;
                }
            }

            result[tool] = arguments;
        }

        return result;
    }

    /// <summary>-Params as JSON text (null when none): text is taken as JSON as it is, anything else is serialized.</summary>
    public static string? ParamsJson(object? given) => PowerShellJson.ToPlain(given) switch
    {
        null => null,
        string text => text,
        var plain => JsonSerializer.Serialize(plain),
    };
}
