using System.Numerics;
using System.Text.Json;
using McpRegistryAuth.Core.RegistryApi;

namespace McpRegistryAuth.Core.Payloads;

/// <summary>
/// JSON as plain values, the way ConvertFrom-Json reads it: objects from the caller's builder, arrays as
/// object?[], integers as long (BigInteger beyond it), other numbers as double, strings, booleans and null.
/// </summary>
public static class JsonValues
{
    /// <param name="payload">A JSON value.</param>
    /// <param name="objects">Makes each JSON object.</param>
    /// <param name="maskTokens">Shows each string of a token field (<see cref="TokenFields"/>), also inside an array under that field, as its fingerprint.</param>
    public static object? ToValue(JsonPayload payload, IJsonObjectBuilder objects, bool maskTokens)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(objects);
        return ToValue(payload.Element, objects, maskTokens, secret: false);
    }

    internal static object? ToValue(JsonElement element, IJsonObjectBuilder objects, bool maskTokens, bool secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = objects.NewObject();
                foreach (var property in element.EnumerateObject())
                {
                    objects.Add(result, property.Name, ToValue(property.Value, objects, maskTokens, maskTokens && TokenFields.IsSecret(property.Name)));
                }

                return result;
            case JsonValueKind.Array:
                var items = new object?[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray()) items[i++] = ToValue(item, objects, maskTokens, secret);
                return items;
            case JsonValueKind.String:
                return secret ? TokenFields.Mask(element.GetString()!) : element.GetString();
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

    /// <summary>A plain value (dictionaries, lists, scalars) as a JSON value, as the MCP client sends tool arguments.</summary>
    internal static JsonElement ToElement(object? value) => value is JsonElement element ? element : JsonSerializer.SerializeToElement(value);
}
