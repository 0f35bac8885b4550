using System.Collections;
using System.Management.Automation;
using System.Numerics;
using McpRegistryAuth.Core.Payloads;

namespace McpRegistryAuth.Internal;

/// <summary>
/// JSON to the objects ConvertFrom-Json makes (PSCustomObject, object[], long/double/BigInteger, string, bool;
/// the core walks the JSON, <see cref="PSObjectBuilder"/> makes the objects), and PowerShell objects
/// (hashtables, PSCustomObjects, arrays) to plain dictionaries and lists the core serializes. Written here
/// because only this assembly may reference PowerShell.
/// </summary>
internal static class PowerShellJson
{
    /// <param name="json">A JSON value from the core.</param>
    /// <param name="maskTokens">Shows each string of a token field (Core.RegistryApi.TokenFields), also inside an array under that field, as its fingerprint.</param>
    public static object? ToPowerShell(JsonPayload json, bool maskTokens) => JsonValues.ToValue(json, PSObjectBuilder.Instance, maskTokens);

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
