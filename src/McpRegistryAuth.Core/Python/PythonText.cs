using System.Globalization;

namespace McpRegistryAuth.Core.Python;

/// <summary>
/// Python's <c>str</c> semantics where the servers (written in Python) depend on them: which characters
/// <c>strip()</c> removes and how <c>len()</c> counts.
/// </summary>
public static class PythonText
{
    /// <summary>True for the characters Python's <c>str.isspace()</c> accepts (bidi WS/B/S or category Zs).</summary>
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\x1c' and <= '\x1f' => true,
        ' ' or '\x85' or '\xa0' => true,
        '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    /// <summary>Python's <c>str.strip()</c> with no argument.</summary>
    public static string Strip(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsSpace(value[end - 1]))
        {
            end--;
        }

        return value[start..end];
    }

    /// <summary>Python's <c>len()</c>: code points, not UTF-16 units.</summary>
    public static int Length(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Python's <c>str.lower()</c> for the comparisons the servers make (culture-independent).</summary>
    public static string Lower(string value) => value.ToLower(CultureInfo.InvariantCulture);

    /// <summary>
    /// Python's <c>needle in text</c> on str: a substring test over code points. .NET strings are UTF-16, so an
    /// ordinal search could match half of a surrogate pair (a JSON "\ud83d" inside "😀"), which Python never does.
    /// </summary>
    public static bool Contains(string text, string needle)
    {
        var from = 0;
        while (from <= text.Length)
        {
            var at = text.IndexOf(needle, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            if (!SplitsPair(text, at) && !SplitsPair(text, at + needle.Length))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    // True when a match boundary falls between the two halves of a surrogate pair.
    private static bool SplitsPair(string text, int boundary) =>
        boundary > 0 && boundary < text.Length && char.IsHighSurrogate(text[boundary - 1]) && char.IsLowSurrogate(text[boundary]);
}
