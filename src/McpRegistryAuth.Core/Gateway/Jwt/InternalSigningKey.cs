using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// The auth server's ES256 signing key (auth_server/internal_signing_key.py, 1.32): an EC P-256 key in a PEM file
/// (INTERNAL_SIGNING_KEY_PATH), named by <c>kid</c> = <c>es256-</c> + its RFC 7638 thumbprint, and published as
/// a JWKS (<c>/.well-known/internal-jwks.json</c>). Only the public part ever leaves this class, except to sign.
/// </summary>
public static class InternalSigningKey
{
    /// <summary>Where the auth server looks for the key when INTERNAL_SIGNING_KEY_PATH is not set.</summary>
    public const string DefaultPath = "/etc/mcp-gateway/signing-key/key.pem";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    /// <summary>The key id the server derives: <c>es256-</c> + base64url(SHA-256 of {"crv","kty","x","y"} compact, sorted).</summary>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var (x, y) = Coordinates(key);
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{x}\",\"y\":\"{y}\"}}";
        return "es256-" + Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
    }

    /// <summary>The public JWK the server publishes for this key (kty, crv, x, y, kid, use, alg).</summary>
    public static string PublicJwk(ECDsa key)
    {
        var (x, y) = Coordinates(key);
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["x"] = x, ["y"] = y, ["kid"] = KeyIdOf(key), ["use"] = "sig", ["alg"] = "ES256",
        });
    }

    /// <summary>Reads a PEM file with an EC P-256 key (private as the server holds it, or public).</summary>
    /// <exception cref="InvalidDataException">The file holds no PEM key, or one that is not EC P-256; the message names the file.</exception>
    public static ECDsa Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"-SigningKeyPath: file '{path}' does not exist.", path);
        var text = Files.BoundedFileReader.ReadAllText(path, 64 * 1024);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{path}: no EC key in PEM form (the auth server logs 'Key is not an EC private key' and keeps HS256). Fix: give the INTERNAL_SIGNING_KEY_PATH file, e.g. one written by New-RegistryApiToken -GenerateKey.", e);
        }

        var curve = key.ExportParameters(false).Curve;
        if (curve.Oid?.Value != P256Oid)
        {
            key.Dispose();
            throw new InvalidDataException($"{path}: the key is not P-256 (got {curve.Oid?.FriendlyName ?? "another curve"}); the auth server refuses it ('Key is not P-256'). Fix: use an EC P-256 key.");
        }

        return key;
    }

    /// <summary>The verification keys the server holds for a key file: a one-key set under its thumbprint kid.</summary>
    public static KeySet KeySetOf(string path, DateTimeOffset loadedAt)
    {
        using var key = Load(path);
        return KeySet.Parse($"{{\"keys\":[{PublicJwk(key)}]}}", path, loadedAt, out var error) ?? throw new InvalidDataException(error);
    }

    /// <summary>A new P-256 key as PKCS#8 PEM, the kind INTERNAL_SIGNING_KEY_GENERATE makes (from the OS CSPRNG).</summary>
    public static (string Pem, string KeyId) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem() + "\n", KeyIdOf(key));
    }

    private static (string X, string Y) Coordinates(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return (Base64Url(q.X!), Base64Url(q.Y!));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
