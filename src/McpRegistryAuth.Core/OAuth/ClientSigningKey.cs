using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Reporting;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The key a private_key_jwt client signs its assertion with (RFC 7523 2.2), RSA (RS256) or EC P-256
/// (ES256). The assertion's kid is the key's RFC 7638 thumbprint; with a certificate it also carries
/// x5t, which Entra matches the registered certificate by.
/// </summary>
public sealed class ClientSigningKey : IDisposable
{
    private readonly AsymmetricAlgorithm key;
    private readonly string? x5t;

    private ClientSigningKey(AsymmetricAlgorithm key, string? x5t)
    {
        this.key = key;
        this.x5t = x5t;
        KeyId = Thumbprint(key);
    }

    /// <summary>The RFC 7638 JWK thumbprint (base64url SHA-256), sent as kid.</summary>
    public string KeyId { get; }

    public string Algorithm => key is RSA ? "RS256" : "ES256";

    /// <exception cref="CommandFailureException">ClientCertificateHasNoKey: the certificate has no usable private key.</exception>
    public static ClientSigningKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        AsymmetricAlgorithm? key = certificate.GetRSAPrivateKey() ?? (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey();
        if (key is null)
        {
            throw new CommandFailureException("ClientCertificateHasNoKey", FailureCategory.InvalidArgument,
                $"The certificate '{certificate.Subject}' has no RSA or EC private key to sign the client assertion with.", certificate.Thumbprint,
                "Pass a certificate with its private key (a PFX loaded with its password, or -PrivateKeyPath with the PEM key).");
        }

        return new ClientSigningKey(key, Base64UrlEncoder.Encode(certificate.GetCertHash()));
    }

    /// <summary>Reads a PEM private key (PKCS#8, PKCS#1 or SEC1; RSA or EC P-256).</summary>
    /// <exception cref="CommandFailureException">PrivateKeyUnreadable or PrivateKeyInvalid.</exception>
    public static ClientSigningKey FromPemFile(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailureException("PrivateKeyUnreadable", FailureCategory.ObjectNotFound, $"The private key file '{path}' cannot be read: {ex.Message}", path, "Check the path and that you may read the file.", ex);
        }

        foreach (var candidate in new AsymmetricAlgorithm[] { RSA.Create(), ECDsa.Create() })
        {
            if (TryImport(candidate, pem)) return new ClientSigningKey(candidate, null);
            candidate.Dispose();
        }

        throw new CommandFailureException("PrivateKeyInvalid", FailureCategory.InvalidData, $"'{path}' holds no RSA or EC private key in PEM form.", path,
            "Pass a PEM file with '-----BEGIN PRIVATE KEY-----' (PKCS#8), '-----BEGIN RSA PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----'.");
    }

    /// <summary>The signed client assertion for a token endpoint (aud), valid for five minutes.</summary>
    public string CreateAssertion(string clientId, string tokenEndpoint, DateTimeOffset now)
    {
        var header = new Dictionary<string, string> { ["alg"] = Algorithm, ["typ"] = "JWT", ["kid"] = KeyId };
        if (x5t is not null) header["x5t"] = x5t;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = tokenEndpoint,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
        };
        var input = Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var data = Encoding.ASCII.GetBytes(input);
        var signature = key is RSA rsa
            ? rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : ((ECDsa)key).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The public key as a JWK (with kid), as a client registers it at the IdP.</summary>
    public IReadOnlyDictionary<string, string> PublicJwk()
    {
        var jwk = ToJwk(key);
        var fields = new Dictionary<string, string> { ["kty"] = jwk.Kty, ["kid"] = KeyId, ["alg"] = Algorithm, ["use"] = "sig" };
        foreach (var (name, value) in new[] { ("n", jwk.N), ("e", jwk.E), ("crv", jwk.Crv), ("x", jwk.X), ("y", jwk.Y) })
        {
            if (value is not null) fields[name] = value;
        }

        return fields;
    }

    public void Dispose() => key.Dispose();

    private static bool TryImport(AsymmetricAlgorithm candidate, string pem)
    {
        try
        {
            candidate.ImportFromPem(pem);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static JsonWebKey ToJwk(AsymmetricAlgorithm key) => key is RSA rsa
        ? JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)))
        : JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey((ECDsa)key));

    private static string Thumbprint(AsymmetricAlgorithm key) => Base64UrlEncoder.Encode(ToJwk(key).ComputeJwkThumbprint());
}
