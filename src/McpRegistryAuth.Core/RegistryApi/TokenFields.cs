using System.Buffers;
using System.Text.Json;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// Response fields that carry a credential (the tokens of /api/tokens/generate, a peer's federation token, an
/// M2M client's secret): shown as a fingerprint unless the caller asks for plain text.
/// </summary>
public static class TokenFields
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "refresh_token", "id_token", "token", "federation_token", "client_secret", "api_key", "secret", "password",
    };

    public static bool IsSecret(string propertyName) => Names.Contains(propertyName);

    /// <summary>What is shown in place of a credential value.</summary>
    public static string Mask(string value) => $"<token {Fingerprint.Of(value)}>";

    /// <summary>The JSON document with every credential string replaced by its mask; other bytes are re-written unchanged in meaning.</summary>
    public static byte[] MaskJson(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var output = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, document.RootElement, secret: false);
        }

        return output.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, bool secret)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, IsSecret(property.Name));
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item, secret);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String when secret:
                writer.WriteStringValue(Mask(element.GetString()!));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
