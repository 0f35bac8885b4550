namespace McpRegistryAuth.Core.Go;

/// <summary>Go's fmt verbs where the server's messages use them.</summary>
public static class GoFmt
{
    /// <summary>Go's <c>%q</c> for a string: double quotes with backslash escapes, \xXX for other control characters.</summary>
    public static string Quote(string s) => GoQuoting.Quote(s, static (b, c) =>
    {
        if (c < 0x20 || c == 0x7f)
        {
            b.Append($"\\x{(int)c:x2}");
        }
        else
        {
            b.Append(c);
        }
    });
}
