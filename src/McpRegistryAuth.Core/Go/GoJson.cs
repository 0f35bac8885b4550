using System.Globalization;

namespace McpRegistryAuth.Core.Go;

/// <summary>Go's encoding/json string escaping (HTML-safe: &amp;, &lt;, &gt; as \u00XX), for byte-exact bodies.</summary>
public static class GoJson
{
    public static string Quote(string value) => GoQuoting.Quote(value, static (b, c) =>
    {
        // encoding/json's HTML-safe escapes, and \u00XX for the other control characters.
        if (c is '<' or '>' or '&' or '\u2028' or '\u2029' || c < 0x20)
        {
            b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            b.Append(c);
        }
    });

    /// <summary><c>json.NewEncoder(w).Encode(struct{Error string `json:"error"`})</c>: ends with a newline.</summary>
    public static string EncodeErrorBody(string error) => "{\"error\":" + Quote(error) + "}\n";

    public static string StringArray(IEnumerable<string> values) => "[" + string.Join(",", values.Select(Quote)) + "]";
}
