namespace McpRegistryAuth.Core;

/// <summary>
/// Whether a configuration field's name says it may hold a secret (clientSecret, authToken, SECRET_KEY,
/// REGISTRY_API_TOKEN, password, private_key ...). A parser that must show text it could not read from
/// such a field shows its fingerprint instead, since a malformed secret is still a secret.
/// </summary>
public static class SecretFieldNames
{
    private static readonly string[] Words = ["secret", "token", "password", "passwd", "credential", "privatekey", "private_key", "apikey", "api_key"];

    public static bool MayHoldSecret(string? fieldName) =>
        fieldName is not null && Words.Any(word => fieldName.Contains(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>Text from a secret field as it may be shown: its length and fingerprint.</summary>
    public static string Describe(string value) => $"<{value.Length} characters, fingerprint {Fingerprint.Of(value)}>";
}
