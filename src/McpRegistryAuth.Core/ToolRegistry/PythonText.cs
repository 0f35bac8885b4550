namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// Python's <c>str.splitlines()</c> and <c>str.strip()</c>, which toolregistry-server applies to its
/// tokens file. Their character sets differ from .NET's: Python treats U+001C..U+001F as whitespace
/// and splits lines on more separators; neither treats the BOM (U+FEFF) as whitespace.
/// </summary>
internal static class PythonText
{
    /// <summary>The characters for which Python's <c>str.isspace()</c> is true.</summary>
    public static bool IsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' => true,
        '\u001C' or '\u001D' or '\u001E' or '\u001F' or ' ' => true,
        '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    /// <summary>The line boundaries of Python's <c>str.splitlines()</c>; CR LF counts as one.</summary>
    public static bool IsLineBoundary(char c) => c switch
    {
        '\n' or '\r' or '\v' or '\f' => true,
        '\u001C' or '\u001D' or '\u001E' or '\u0085' or '\u2028' or '\u2029' => true,
        _ => false,
    };

    public static string Strip(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsWhiteSpace(text[start])) start++;
        while (end > start && IsWhiteSpace(text[end - 1])) end--;
        return text[start..end];
    }

    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsLineBoundary(text[i]))
            {
                i++;
                continue;
            }

            lines.Add(text[start..i]);
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
            start = i;
        }

        // A final line without a terminator is a line; a trailing terminator adds no empty line.
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
