namespace McpRegistryAuth.Core.Tokens;

/// <summary>Stable codes of findings about the keys and settings tokens are validated with (TOK0xx).</summary>
public static class TokenFindingCodes
{
    /// <summary>The gateway's SECRET_KEY is shorter than 32 characters: the auth server does not start.</summary>
    public const string SecretKeyTooShort = "TOK001";
}
