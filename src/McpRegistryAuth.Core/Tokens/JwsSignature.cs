using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// Verifies a JWS signature with Microsoft.IdentityModel's signature providers. Only the cryptography
/// is the library's: which algorithm and which key may be used is decided by the caller's server rule.
/// </summary>
internal static class JwsSignature
{
    private static readonly CryptoProviderFactory Factory = new() { CacheSignatureProviders = false };

    // One provider per key and algorithm for as long as the key (its key set) lives; providers verify concurrently.
    private static readonly ConditionalWeakTable<SecurityKey, ConcurrentDictionary<string, ProviderOrProblem>> Providers = new();

    private sealed record ProviderOrProblem(SignatureProvider? Provider, string? Problem);

    public static SignatureOutcome Verify(JwtParts parts, SecurityKey key, string algorithm)
    {
        if (parts.Signature is null) return SignatureOutcome.Invalid("the signature segment is not base64url");
        var entry = Providers.GetValue(key, _ => new ConcurrentDictionary<string, ProviderOrProblem>(StringComparer.Ordinal))
            .GetOrAdd(algorithm, alg => Create(key, alg));
        if (entry.Provider is null) return SignatureOutcome.Invalid(entry.Problem!);

        try
        {
            return entry.Provider.Verify(parts.SigningInput, parts.Signature)
                ? SignatureOutcome.Ok
                : SignatureOutcome.Invalid($"{algorithm} signature does not verify with this key");
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or InvalidOperationException or SecurityTokenException)
        {
            return SignatureOutcome.Invalid($"the key cannot verify {algorithm} ({e.GetType().Name})");
        }
    }

    private static ProviderOrProblem Create(SecurityKey key, string algorithm)
    {
        if (!Factory.IsSupportedAlgorithm(algorithm, key))
            return new ProviderOrProblem(null, $"key is of invalid type: a {KeyType(key)} key cannot verify {algorithm}");
        try
        {
            return new ProviderOrProblem(Factory.CreateForVerifying(key, algorithm), null);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or CryptographicException or InvalidOperationException or SecurityTokenException)
        {
            // The library's messages name key ids and sizes, never the token; keep only the type.
            return new ProviderOrProblem(null, $"the key cannot verify {algorithm} ({e.GetType().Name})");
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
