using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// The gateway verdict for a valid RS256 token with the JWKS already cached, against the bare RSA signature
/// verification of the same token (the cryptography the verdict cannot avoid). Target: ratio at most 2.
/// </summary>
[MemoryDiagnoser]
public class TokenVerdictBenchmarks
{
    private readonly Dictionary<string, string> environment = new()
    {
        ["AUTH_PROVIDER"] = "keycloak",
        ["KEYCLOAK_URL"] = "https://kc.example.com",
        ["KEYCLOAK_CLIENT_ID"] = "mcp-gateway-web",
        ["KEYCLOAK_CLIENT_SECRET"] = "unused",
    };

    private RSA rsa = null!;
    private RSA verifier = null!;
    private string token = null!;
    private byte[] signingInput = null!;
    private byte[] signature = null!;
    private GatewayJwtStage stage = null!;
    private GatewayJwtRequest request = null!;
    private DateTimeOffset at;

    [GlobalSetup]
    public void Setup()
    {
        rsa = RSA.Create(2048);
        at = DateTimeOffset.UtcNow;
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "rsa-1" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = "https://kc.example.com/realms/mcp-gateway", aud = new[] { "account", "mcp-gateway-web" }, azp = "mcp-gateway-web",
            sub = "5b0c4f0e-3c1b-4d5e-9f2a-7c8d9e0f1a2b", preferred_username = "bob", scope = "openid profile email",
            groups = new[] { "mcp-registry-admin", "ops" }, iat = at.AddMinutes(-1).ToUnixTimeSeconds(), exp = at.AddHours(1).ToUnixTimeSeconds(),
        }));
        signingInput = Encoding.ASCII.GetBytes(header + "." + payload);
        signature = rsa.SignData(signingInput, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        token = header + "." + payload + "." + Encode(signature);

        var p = rsa.ExportParameters(false);
        verifier = RSA.Create();
        verifier.ImportParameters(p);
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = "rsa-1", use = "sig", n = Encode(p.Modulus!), e = Encode(p.Exponent!) } } });
        var keys = KeySet.Parse(jwks, "bench", at, out _)!;
        stage = new GatewayJwtStage(new FixedKeySetSource(keys));
        request = new GatewayJwtRequest
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            OriginalUrl = "https://gw.example.com/currenttime/mcp",
        };

        var verdict = Verdict();
        if (!verdict.Accepted) throw new InvalidOperationException("benchmark token is not accepted: " + verdict.FailedCheck);
        if (!BareRsaVerify()) throw new InvalidOperationException("bare verification failed");
    }

    /// <summary>Only the RSA PKCS#1 v1.5 SHA-256 verification of the token's signing input.</summary>
    [Benchmark(Baseline = true)]
    public bool BareRsaVerify() => verifier.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The whole gateway JWT stage: header, split, decode, provider rules, signature, claims, identity.</summary>
    [Benchmark]
    public Verdict Verdict() => stage.EvaluateAsync(request, environment, at).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        rsa.Dispose();
        verifier.Dispose();
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
