namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// The ValueError messages of auth_server/self_signed_token.py (1.32, <c>verify_self_signed_user_token</c>), byte for
/// byte. /validate logs them and answers 401 "Token validation failed"; they are what an operator finds in the log.
/// </summary>
public static class SelfSignedVerifierTexts
{
    public const string TooLarge = "Token exceeds maximum size";
    public const string KidNotString = "Cannot parse token header: Key ID header parameter must be a string";
    public const string Hs256Rejected = "HS256 tokens are no longer accepted (REJECT_HS256_TOKENS=true). Generate a new token.";
    public const string SecretKeyRequired = "SECRET_KEY is required for self-signed token validation";
    public const string AsymmetricNotConfigured = "Token has kid but asymmetric signing is not configured (no INTERNAL_SIGNING_KEY_PATH)";
    public const string UnknownKeyId = "Unknown key id (kid) in token";
    public const string Expired = "Token has expired";
    public const string InvalidPrefix = "Invalid self-signed token: ";

    /// <summary>The size limit, in characters (Python <c>len</c>), checked before anything is parsed.</summary>
    public const int MaxTokenCharacters = 8192;

    /// <summary>"Token issuer mismatch (expected '&lt;issuer&gt;')".</summary>
    public static string IssuerMismatch(string issuer) => $"Token issuer mismatch (expected '{issuer}')";

    /// <summary>"Invalid token_use: &lt;value&gt;" with Python's str() of the claim (None when absent).</summary>
    public static string InvalidTokenUse(string value) => $"Invalid token_use: {value}";
}
