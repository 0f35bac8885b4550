using McpRegistryAuth.Core.Python;


namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The gateway's <c>validate_signing_secret</c> (registry/common/secret_key.py:24-131): the value is
/// stripped, refused when it is a well-known placeholder or carries a placeholder marker, and refused
/// when shorter than 32 characters. A refusal of REGISTRY_API_TOKEN stops the auth server at import.
/// </summary>
public static class SigningSecretRule
{
    public const int MinimumLength = 32;

    /// <summary>Exact matches after strip and lower-case.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "development-secret-key", "changeme", "change-me", "change-this", "secret", "secret-key",
        "your-secret-key", "your-secret-key-here", "test-secret-key",
        "change-this-immediately-use-a-strong-random-key-in-production",
    ];

    /// <summary>Substrings that mark a placeholder anywhere in the lower-cased value.</summary>
    public static readonly IReadOnlyList<string> PlaceholderMarkers =
    [
        "change-this-immediately", "change-me-immediately", "replace-me", "replace_me", "changemeimmediately",
    ];

    /// <summary>Applies the rule. An unset or whitespace-only value is "" (accepted unless required).</summary>
    public static SigningSecretResult Validate(string? raw, string name, bool required)
    {
        var stripped = raw is null ? "" : PythonText.Strip(raw);
        if (stripped.Length == 0)
        {
            return required
                ? SigningSecretResult.Refused("", SigningSecretProblem.Missing, $"{name} is required but is not set.")
                : SigningSecretResult.Accepted("");
        }

        var lowered = PythonText.Lower(stripped);
        if (Placeholders.Contains(lowered) || PlaceholderMarkers.Any(m => lowered.Contains(m, StringComparison.Ordinal)))
        {
            return SigningSecretResult.Refused(stripped, SigningSecretProblem.Placeholder, $"{name} is set to a well-known placeholder value and cannot be used.");
        }

        var length = PythonText.Length(stripped);
        if (length < MinimumLength)
        {
            return SigningSecretResult.Refused(stripped, SigningSecretProblem.TooShort, $"{name} is too short ({length} characters); it must be at least {MinimumLength} characters.");
        }

        return SigningSecretResult.Accepted(stripped);
    }
}
