using System.Collections;
using System.Globalization;
using System.Text;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>Reads and changes the query of a URL, keeping the order and the encoding of the other parameters.</summary>
public static class QueryString
{
    /// <summary>The URL with each parameter of <paramref name="values"/> added (a list adds one per item; a null is left out).</summary>
    public static Uri Add(Uri uri, IDictionary? values)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (values is null || values.Count == 0) return uri;
        var b = new StringBuilder();
        foreach (DictionaryEntry entry in values)
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
            foreach (var value in EncodedBody.Values(entry.Value))
            {
                if (b.Length > 0) b.Append('&');
                b.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return WithQuery(uri, Join(uri.Query.TrimStart('?'), b.ToString()));
    }

    /// <summary>The decoded value of the first parameter of that name, or null.</summary>
    public static string? Get(Uri uri, string name)
    {
        ArgumentNullException.ThrowIfNull(uri);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            if (key == name) return eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
        }

        return null;
    }

    /// <summary>The URL with the parameter set to one value (replacing any it had), or removed when the value is null.</summary>
    public static Uri Set(Uri uri, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var kept = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => Uri.UnescapeDataString((pair.IndexOf('=') is var eq && eq >= 0 ? pair[..eq] : pair).Replace('+', ' ')) != name);
        var query = string.Join('&', kept);
        if (value is not null) query = Join(query, Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
        return WithQuery(uri, query);
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "&" + b;

    private static Uri WithQuery(Uri uri, string query) => new UriBuilder(uri) { Query = query }.Uri;
}
