using System.Text;

namespace McpRegistryAuth.Core.Go;

/// <summary>
/// What Go's quoting functions share: a double-quoted string in which the quote, the backslash and the
/// three common control characters get their short escapes. Each caller says how any other character is written.
/// </summary>
internal static class GoQuoting
{
    public static string Quote(string value, Action<StringBuilder, char> appendOther)
    {
        var b = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default: appendOther(b, c); break;
            }
        }

        return b.Append('"').ToString();
    }
}
