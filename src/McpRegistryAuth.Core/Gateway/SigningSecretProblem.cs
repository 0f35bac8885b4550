namespace McpRegistryAuth.Core.Gateway;

public enum SigningSecretProblem
{
    None,
    Missing,
    Placeholder,
    TooShort,
}
