using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpRegistryAuth.Core;

/// <summary>
/// A token, API key or client secret. Its string and JSON forms show only the fingerprint, so it
/// cannot leak through logging or formatting by accident; the value is read through <see cref="Reveal"/>.
/// </summary>
[JsonConverter(typeof(SecretJsonConverter))]
public sealed class Secret : IEquatable<Secret>
{
    private readonly string value;

    public Secret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        this.value = value;
        Fingerprint = Core.Fingerprint.Of(value);
    }

    public string Fingerprint { get; }

    public int Length => value.Length;

    public bool IsEmpty => value.Length == 0;

    /// <summary>The raw value. Call only where the secret must leave the process or be compared.</summary>
    public string Reveal() => value;

    public override string ToString() => $"<secret {Fingerprint}>";

    public bool Equals(Secret? other) => other is not null && string.Equals(value, other.value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Secret s && Equals(s);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(value);

    private sealed class SecretJsonConverter : JsonConverter<Secret>
    {
        public override Secret Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Secrets are not read from JSON through serialization.");

        public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
