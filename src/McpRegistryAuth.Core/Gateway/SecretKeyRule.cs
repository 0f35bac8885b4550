using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The gateway's <c>validate_secret_key</c> (registry/common/secret_key.py), which auth_server/server.py runs on
/// <c>SECRET_KEY</c> at import in release 1.30: required, not a well-known placeholder (the same list and
/// markers as <see cref="SigningSecretRule"/>), at least 32 characters after strip. Any refusal raises
/// RuntimeError, so the auth server does not start. Messages are the RuntimeError texts of secret_key.py as stored
/// at upstream commit 6056df46; the file at 8c5b834b (release 1.30) could not be read, so findings built on them
/// are not marked ExactText.
/// </summary>
public static class SecretKeyRule
{
    public const string Name = "SECRET_KEY";

    private const string Remediation =
        "Set it to a random value at least 32 characters long, identical across all auth_server and registry replicas (see chart values.yaml: global.secretKey).";

    /// <summary>Applies the rule to the value the server would read (null: not set).</summary>
    public static SigningSecretResult Validate(string? raw)
    {
        var stripped = raw is null ? "" : PythonText.Strip(raw);
        if (stripped.Length == 0)
        {
            return SigningSecretResult.Refused("", SigningSecretProblem.Missing, $"{Name} environment variable is required. {Remediation}");
        }

        // Placeholders before length: some placeholders are long enough to pass the length test.
        var placeholder = SigningSecretRule.Validate(stripped, Name, required: true);
        if (placeholder.Problem == SigningSecretProblem.Placeholder)
        {
            return SigningSecretResult.Refused(stripped, SigningSecretProblem.Placeholder, $"{Name} is set to a well-known placeholder value and cannot be used. {Remediation}");
        }

        var length = PythonText.Length(stripped);
        return length < SigningSecretRule.MinimumLength
            ? SigningSecretResult.Refused(stripped, SigningSecretProblem.TooShort, $"{Name} is too short ({length} characters); it must be at least {SigningSecretRule.MinimumLength} characters. {Remediation}")
            : SigningSecretResult.Accepted(stripped);
    }
}
