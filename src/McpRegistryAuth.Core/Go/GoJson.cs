using System.Globalization;
using System.Text;

namespace McpRegistryAuth.Core.Go;

/// <summary>Go's encoding/json string escaping (HTML-safe: &amp;, &lt;, &gt; as \u00XX), for byte-exact bodies.</summary>
public static class GoJson
{
    public static string Quote(string value)
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
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20) b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else b.Append(c);
                    break;
            }
        }

        return b.Append('"').ToString();
    }

    /// <summary><c>json.NewEncoder(w).Encode(struct{Error string `json:"error"`})</c>: ends with a newline.</summary>
    public static string EncodeErrorBody(string error) => "{\"error\":" + Quote(error) + "}\n";

    public static string StringArray(IEnumerable<string> values) => "[" + string.Join(",", values.Select(Quote)) + "]";
}
