using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>A request body as bytes, so a retry or a redirect can send it again.</summary>
public sealed record EncodedBody(byte[] Bytes, string ContentType, BodyEncoding Encoding)
{
    public const string JsonType = "application/json";

    public const string FormType = "application/x-www-form-urlencoded";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>
    /// Encodes a body: a string goes as it is, with the content type the path expects; anything else (a
    /// dictionary, list or value, as the cmdlet unwraps PowerShell objects) is serialized to JSON or form
    /// fields by <paramref name="encoding"/>.
    /// </summary>
    public static EncodedBody? From(object? body, BodyEncoding encoding)
    {
        switch (body)
        {
            case null:
                return null;
            case string text:
                return new EncodedBody(System.Text.Encoding.UTF8.GetBytes(text), encoding == BodyEncoding.Form ? FormType : JsonType, BodyEncoding.Text);
            case byte[] bytes:
                return new EncodedBody(bytes, "application/octet-stream", BodyEncoding.Text);
        }

        if (encoding == BodyEncoding.Form)
        {
            if (body is not IDictionary fields)
            {
                throw new Reporting.CommandFailureException("BodyNotFormFields", Reporting.FailureCategory.InvalidArgument,
                    $"This path takes form fields, but -Body is a {body.GetType().Name}.", body.GetType().Name,
                    "Give -Body as a hashtable of field names and values, or as a string already form-encoded (name=value&name2=value2).");
            }

            return new EncodedBody(System.Text.Encoding.ASCII.GetBytes(FormEncode(fields)), FormType, BodyEncoding.Form);
        }

        return new EncodedBody(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json), JsonType, BodyEncoding.Json);
    }

    /// <summary>
    /// name=value pairs as Python requests writes a data dict: a list repeats its name, a null is left out;
    /// a nested object goes as its JSON text.
    /// </summary>
    public static string FormEncode(IDictionary fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var b = new StringBuilder();
        foreach (DictionaryEntry entry in fields)
        {
            var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
            foreach (var value in Values(entry.Value))
            {
                if (b.Length > 0) b.Append('&');
                b.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return b.ToString();
    }

    /// <summary>The text of each value of a form field or query parameter (a list gives one per item).</summary>
    public static IEnumerable<string> Values(object? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case string s:
                yield return s;
                yield break;
            case IDictionary nested:
                yield return JsonSerializer.Serialize(nested, nested.GetType(), Json);
                yield break;
            case IEnumerable list:
                foreach (var item in list)
                {
                    foreach (var text in Values(item)) yield return text;
                }

                yield break;
            default:
                yield return Scalar(value);
                yield break;
        }
    }

    private static string Scalar(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
