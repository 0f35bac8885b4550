using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Python;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Mints a self-signed token for testing, with the claims <c>generate_user_token</c> writes: iss, aud, sub,
/// preferred_username, groups, scope, token_use "access", token_kind "user", iat, exp. ES256 tokens carry the
/// key's kid (<c>es256-</c> + RFC 7638 thumbprint); HS256 tokens carry none, as 1.30 and older mint them.
/// </summary>
public static class SelfSignedTokenMinter
{
    /// <summary>The absolute ceiling of MCP_TOKEN_MAX_TTL_HOURS in the registry settings.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(168);

    /// <exception cref="CommandFailureException">The key or the request cannot make a token the server would accept (the ErrorId says which).</exception>
    public static MintedSelfSignedToken Mint(SelfSignedTokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Lifetime <= TimeSpan.Zero || request.Lifetime > MaximumLifetime)
            throw new CommandFailureException("InvalidLifetime", FailureCategory.InvalidArgument, $"-Lifetime {request.Lifetime} is outside what the gateway issues (more than 0, at most 168 hours).", request.Lifetime);

        var iat = request.IssuedAt.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = request.Issuer, ["aud"] = request.Audience, ["sub"] = request.Subject, ["preferred_username"] = request.Subject,
            ["groups"] = request.Groups, ["scope"] = string.Join(' ', request.Scopes), ["token_use"] = "access", ["token_kind"] = "user",
            ["iat"] = iat, ["exp"] = iat + (long)request.Lifetime.TotalSeconds,
        };

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(iat + (long)request.Lifetime.TotalSeconds);
        if (string.Equals(request.Algorithm, "HS256", StringComparison.OrdinalIgnoreCase))
        {
            var secret = PythonText.Strip(request.SecretKey?.Reveal() ?? "");
            if (PythonText.Length(secret) < 32)
                throw new CommandFailureException("InvalidSecretKey", FailureCategory.InvalidArgument, "-Algorithm HS256 needs -SecretKey: the auth server's SECRET_KEY, at least 32 characters after strip (the server does not start with a shorter one).", request.SecretKey?.ToString());
            var input = Encode(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" }, claims);
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input));
            return new MintedSelfSignedToken(new Secret(input + "." + Base64Url(signature)), "HS256", null, expiresAt);
        }

        if (!string.Equals(request.Algorithm, "ES256", StringComparison.OrdinalIgnoreCase))
            throw new CommandFailureException("InvalidAlgorithm", FailureCategory.InvalidArgument, $"-Algorithm {request.Algorithm}: the gateway signs self-signed tokens with ES256 (1.32) or HS256 (older releases).", request.Algorithm);
        if (request.SigningKeyPath is null)
            throw new CommandFailureException("SigningKeyRequired", FailureCategory.InvalidArgument, "-SelfSigned needs -SigningKeyPath: the auth server's INTERNAL_SIGNING_KEY_PATH file (or -GenerateKey to make one), or -Algorithm HS256 -SecretKey for releases before 1.32.");

        ECDsa key;
        try
        {
            key = InternalSigningKey.Load(request.SigningKeyPath);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CommandFailureException("InvalidSigningKey", FailureCategory.InvalidData, ex.Message, request.SigningKeyPath, inner: ex);
        }

        using (key)
        {
            var kid = InternalSigningKey.KeyIdOf(key);
            var input = Encode(new Dictionary<string, object> { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = kid }, claims);
            try
            {
                var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                return new MintedSelfSignedToken(new Secret(input + "." + Base64Url(signature)), "ES256", kid, expiresAt);
            }
            catch (CryptographicException ex)
            {
                throw new CommandFailureException("InvalidSigningKey", FailureCategory.InvalidData, $"{request.SigningKeyPath}: the file holds only a public key; signing needs the private key the auth server holds.", request.SigningKeyPath, inner: ex);
            }
        }
    }

    private static string Encode(Dictionary<string, object> header, Dictionary<string, object> claims) =>
        Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
