using System.Text;

namespace McpRegistryAuth.Core.Go;

/// <summary>Go's fmt verbs where the server's messages use them.</summary>
public static class GoFmt
{
    /// <summary>Go's <c>%q</c> for a string: double quotes with backslash escapes.</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) b.Append($"\\x{(int)c:x2}");
                    else b.Append(c);
                    break;
            }
        }

        return b.Append('"').ToString();
    }
}
