using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core;

namespace McpRegistryAuth.Core.Tests.Tokens;

/// <summary>Builds signed test tokens and JWKS documents from keys generated per test run.</summary>
internal static class TestJwt
{
    public static readonly RSA Rsa = RSA.Create(2048);
    public static readonly RSA OtherRsa = RSA.Create(2048);
    public static readonly ECDsa Ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public static string Json(object value) => JsonSerializer.Serialize(value);

    public static long Epoch(DateTimeOffset t) => t.ToUnixTimeSeconds();

    /// <summary>Header and payload objects serialised as JSON, signed with the key that fits <c>alg</c>.</summary>
    public static string Sign(object header, object payload, RSA? rsa = null, ECDsa? ec = null, byte[]? hmacKey = null)
        => SignRaw(Json(header), Json(payload), rsa, ec, hmacKey);

    public static string SignRaw(string headerJson, string payloadJson, RSA? rsa = null, ECDsa? ec = null, byte[]? hmacKey = null)
    {
        var input = B64(headerJson) + "." + B64(payloadJson);
        var data = Encoding.ASCII.GetBytes(input);
        byte[] signature;
        if (hmacKey is not null) signature = HMACSHA256.HashData(hmacKey, data);
        else if (ec is not null) signature = ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        else signature = (rsa ?? Rsa).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + B64(signature);
    }

    public static string RsaToken(object payload, string? kid = "rsa-1", RSA? rsa = null) =>
        Sign(kid is null ? new { alg = "RS256", typ = "JWT" } : new { alg = "RS256", typ = "JWT", kid }, payload, rsa);

    public static Dictionary<string, string> RsaJwk(RSA rsa, string kid)
    {
        var p = rsa.ExportParameters(false);
        return new() { ["kty"] = "RSA", ["kid"] = kid, ["use"] = "sig", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!) };
    }

    public static Dictionary<string, string> EcJwk(ECDsa ec, string kid)
    {
        var p = ec.ExportParameters(false);
        return new() { ["kty"] = "EC", ["kid"] = kid, ["crv"] = "P-256", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!) };
    }

    public static string Jwks(params Dictionary<string, string>[] keys) => Json(new { keys });

    public static string DefaultJwks() => Jwks(RsaJwk(Rsa, "rsa-1"), EcJwk(Ec, "ec-1"));

    public static Secret Secret(string token) => new(token);
}
