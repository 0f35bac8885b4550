using System.Text.Json;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// Says why a JSON document could not be read, by position only (the reader's own message quotes the
/// offending text, which may be a secret). Nesting past the parser's depth limit is named as such, not
/// as invalid JSON: the document may be valid, just deeper than any JWKS or discovery document.
/// </summary>
internal static class JsonParseError
{
    /// <summary>System.Text.Json's default depth limit, used when the options leave it 0.</summary>
    public const int DefaultMaxDepth = 64;

    public static string Describe(JsonException e, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(e);
        var where = $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
        return e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? $"nested deeper than {maxDepth} levels ({where}); a JWKS, discovery or introspection document has only a few levels"
            : $"not valid JSON ({where})";
    }
}
