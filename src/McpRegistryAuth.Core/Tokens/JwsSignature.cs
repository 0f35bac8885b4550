using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// Verifies a JWS signature with Microsoft.IdentityModel's signature providers. Only the cryptography
/// is the library's: which algorithm and which key may be used is decided by the caller's server rule.
/// </summary>
internal static class JwsSignature
{
    private static readonly CryptoProviderFactory Factory = new() { CacheSignatureProviders = true };

    public static SignatureOutcome Verify(JwtParts parts, SecurityKey key, string algorithm)
    {
        if (parts.Signature is null) return SignatureOutcome.Invalid("the signature segment is not base64url");
        if (!Factory.IsSupportedAlgorithm(algorithm, key))
            return SignatureOutcome.Invalid($"key is of invalid type: a {KeyType(key)} key cannot verify {algorithm}");

        SignatureProvider? provider = null;
        try
        {
            provider = Factory.CreateForVerifying(key, algorithm);
            return provider.Verify(parts.SigningInput, parts.Signature)
                ? SignatureOutcome.Ok
                : SignatureOutcome.Invalid($"{algorithm} signature does not verify with this key");
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or CryptographicException or InvalidOperationException or SecurityTokenException)
        {
            // The library's messages name key ids and sizes, never the token; keep only the type.
            return SignatureOutcome.Invalid($"the key cannot verify {algorithm} ({e.GetType().Name})");
        }
        finally
        {
            if (provider is not null) Factory.ReleaseSignatureProvider(provider);
        }
    }

    /// <summary>"RSA", "EC", "oct" or another JWK key type.</summary>
    public static string KeyType(SecurityKey key) => key switch
    {
        JsonWebKey jwk => jwk.Kty ?? "unknown",
        SymmetricSecurityKey => "oct",
        RsaSecurityKey => "RSA",
        ECDsaSecurityKey => "EC",
        _ => key.GetType().Name,
    };
}
