using System.Text.Json;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>Reads common claims in the lenient, display-oriented way; server rules read claims themselves.</summary>
internal static class ClaimReader
{
    /// <summary><c>aud</c> as a list: a string is one element, the strings of an array, anything else none.</summary>
    public static IReadOnlyList<string> Audiences(JsonObjectView claims) => Strings(claims, "aud");

    /// <summary>A string claim as one element, or the string elements of an array claim.</summary>
    public static IReadOnlyList<string> Strings(JsonObjectView claims, string name)
    {
        if (!claims.TryGet(name, out var value)) return Array.Empty<string>();
        return value.ValueKind switch
        {
            JsonValueKind.String => new[] { value.GetString()! },
            JsonValueKind.Array => value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
            _ => Array.Empty<string>(),
        };
    }

    /// <summary>Whitespace-split <c>scope</c>, else <c>scp</c> (string or array).</summary>
    public static IReadOnlyList<string> Scopes(JsonObjectView claims)
    {
        var scope = claims.GetString("scope");
        if (scope is not null) return SplitWhitespace(scope);
        if (claims.TryGet("scp", out var scp))
        {
            if (scp.ValueKind == JsonValueKind.String) return SplitWhitespace(scp.GetString()!);
            return Strings(claims, "scp");
        }

        return Array.Empty<string>();
    }

    /// <summary>Python's <c>str.split()</c>: runs of whitespace separate, no empty items.</summary>
    public static string[] SplitWhitespace(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
