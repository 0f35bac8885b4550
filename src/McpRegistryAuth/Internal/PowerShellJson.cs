using System.Collections;
using System.Management.Automation;
using System.Numerics;
using System.Text.Json;

namespace McpRegistryAuth.Internal;

/// <summary>
/// JSON to the objects ConvertFrom-Json makes (PSCustomObject, object[], long/double/BigInteger, string, bool),
/// and PowerShell objects (hashtables, PSCustomObjects, arrays) to plain dictionaries and lists the core
/// serializes. Written here because only this assembly may reference PowerShell.
/// </summary>
internal static class PowerShellJson
{
    /// <param name="element">A JSON value.</param>
    /// <param name="maskTokens">Shows each string of a token field (Core.RegistryApi.TokenFields), also inside an array under that field, as its fingerprint.</param>
    public static object? ToPowerShell(JsonElement element, bool maskTokens) => ToPowerShell(element, maskTokens, secret: false);

    private static object? ToPowerShell(JsonElement element, bool maskTokens, bool secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new PSObject();
                foreach (var property in element.EnumerateObject())
                {
                    var note = new PSNoteProperty(property.Name, ToPowerShell(property.Value, maskTokens, maskTokens && Core.RegistryApi.TokenFields.IsSecret(property.Name)));
                    try
                    {
                        result.Properties.Add(note);
                    }
                    catch (ExtendedTypeSystemException)
                    {
                        // A repeated name keeps the last value, as ConvertFrom-Json -AsHashtable does (rare: no Remove on the fast path).
                        result.Properties.Remove(property.Name);
                        result.Properties.Add(note);
                    }
                }

                return result;
            case JsonValueKind.Array:
                var items = new object?[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray()) items[i++] = ToPowerShell(item, maskTokens, secret);
                return items;
            case JsonValueKind.String:
                return secret ? Core.RegistryApi.TokenFields.Mask(element.GetString()!) : element.GetString();
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var whole)) return whole;
                var text = element.GetRawText();
                return text.IndexOfAny(['.', 'e', 'E']) < 0 && BigInteger.TryParse(text, out var big) ? big : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    /// <summary>A -Body value as plain .NET values: strings stay strings (sent as they are).</summary>
    public static object? ToPlain(object? value)
    {
        value = value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
        switch (value)
        {
            case null:
                return null;
            case string or byte[] or bool or char or DateTime or DateTimeOffset or Guid or Enum:
                return value is Enum ? value.ToString() : value;
            case IDictionary dictionary:
                var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary) fields[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? ""] = ToPlain(entry.Value);
                return fields;
            case PSObject custom:
                var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in custom.Properties) properties[property.Name] = ToPlain(property.Value);
                return properties;
            case IEnumerable list:
                return list.Cast<object?>().Select(ToPlain).ToList();
            default:
                return value.GetType().IsPrimitive || value is decimal || value is BigInteger ? value : ToPlain(new PSObject(value));
        }
    }
}
