namespace McpRegistryAuth.Core.Python;

/// <summary>
/// Python's <c>str.splitlines()</c>, which toolregistry-server applies to its tokens file: it splits on
/// more separators than LF and CR (form feed, vertical tab, U+001C..U+001E, U+0085, U+2028, U+2029).
/// </summary>
internal static class PythonLines
{
    public static bool IsLineBoundary(char c) => c switch
    {
        '\n' or '\r' or '\v' or '\f' => true,
        '\u001C' or '\u001D' or '\u001E' or '\u0085' or '\u2028' or '\u2029' => true,
        _ => false,
    };

    /// <summary>The lines without terminators; CR LF counts as one boundary and a trailing one adds no empty line.</summary>
    public static IReadOnlyList<string> Split(string text)
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

        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
