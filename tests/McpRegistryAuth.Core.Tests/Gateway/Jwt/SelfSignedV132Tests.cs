using System.Security.Cryptography;
using System.Text;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Tokens;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

/// <summary>
/// Release 1.32's self-signed verifier (auth_server/self_signed_token.py, verify_self_signed_user_token): its order,
/// its messages, ES256 by kid, the REJECT_HS256_TOKENS gate; and where release 1.30 answers differently.
/// </summary>
public class SelfSignedV132Tests
{
    /// <summary>The kid of Fixtures/signing-keys/test-only-p256.pem, computed with openssl and Python's hashlib from the RFC 7638 members.</summary>
    private const string FixtureKid = "es256-A8PedwFrfn2f-a4XIYiIppuD8zNvK-AI47Y4Bp7qSG0";

    private static string KeyPath(string name = "test-only-p256.pem") => Path.Combine(AppContext.BaseDirectory, "Fixtures", "signing-keys", name);

    private static readonly KeySet ServerKeys = InternalSigningKey.KeySetOf(KeyPath(), At);

    private static readonly ECDsa ServerKey = InternalSigningKey.Load(KeyPath());

    private static Dictionary<string, string> EnvWithKey(params (string, string)[] extra) => Keycloak([("SECRET_KEY", SecretKey), ("INTERNAL_SIGNING_KEY_PATH", "/etc/mcp-gateway/signing-key/key.pem"), .. extra]);

    private static Dictionary<string, object?> Claims(int exp = 600, int iat = -10, object? aud = null, object? tokenUse = null, string? kind = "user", string iss = "mcp-auth-server", int? nbf = null)
    {
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = iss, ["aud"] = aud ?? "mcp-registry", ["sub"] = "alice", ["exp"] = In(exp), ["iat"] = In(iat),
            ["token_use"] = tokenUse ?? "access", ["scope"] = "registry-read servers-write", ["groups"] = "ops",
        };
        if (kind is not null) claims["token_kind"] = kind;
        if (nbf is not null) claims["nbf"] = In(nbf.Value);
        return claims;
    }

    private static string Es256(object payload, string? kid = FixtureKid, ECDsa? key = null) =>
        Sign(new Dictionary<string, object?> { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = kid }, payload, ec: key ?? ServerKey);

    private static Task<Verdict> V132(string token, Dictionary<string, string>? env = null, KeySet? keys = null) =>
        Evaluate(Bearer(token), env ?? EnvWithKey(), release: GatewayRelease.V132, internalKeys: keys ?? ServerKeys);

    private static string VerifierMessage(Verdict verdict) => verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.SelfSignedVerifier).Observed!;

    private static void AssertRefused(Verdict verdict, string message)
    {
        Assert.Equal(401, verdict.Status);
        Assert.Equal(GatewayJwtTexts.ValidationFailed, verdict.Detail);
        Assert.Equal("Bearer", verdict.WwwAuthenticate);
        Assert.Equal(message, VerifierMessage(verdict));
        Assert.False(verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.SelfSignedVerifier).Passed);
    }

    [Fact]
    public void KeyId_IsEs256AndTheRfc7638Thumbprint()
    {
        Assert.Equal(FixtureKid, InternalSigningKey.KeyIdOf(ServerKey));
        Assert.Equal(new[] { FixtureKid }, ServerKeys.KeyIds);
        using var sec1 = InternalSigningKey.Load(KeyPath("test-only-p256-sec1.pem"));
        Assert.Equal(FixtureKid, InternalSigningKey.KeyIdOf(sec1)); // the same key as "EC PRIVATE KEY" (SEC 1)
    }

    [Fact]
    public void KeyFile_NotP256IsRefusedNamingTheFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => InternalSigningKey.Load(KeyPath("test-only-p384.pem")));
        Assert.Contains("test-only-p384.pem", error.Message);
        Assert.Contains("not P-256", error.Message);
    }

    [Fact]
    public void GeneratedKey_IsP256PemWhoseKidMatches()
    {
        var (pem, kid) = InternalSigningKey.Generate();
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        Assert.Equal(kid, InternalSigningKey.KeyIdOf(key));
        Assert.Matches("^es256-[A-Za-z0-9_-]{43}$", kid);
    }

    [Fact]
    public async Task Es256_KnownKidIsAcceptedWithScopeClaimAndGroups()
    {
        var verdict = await V132(Es256(Claims()));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("self_signed", verdict.AuthMethod);
        Assert.Equal("alice", verdict.Identity);
        Assert.Equal("user-generated", verdict.ClientId);
        Assert.Equal(new[] { "registry-read", "servers-write" }, verdict.Scopes);
        Assert.Equal(new[] { "ops" }, verdict.Groups);
        Assert.True(verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.SelfSignedVerifier).Passed);
    }

    [Fact]
    public async Task Es256_UnknownKidIs401WithTheVerifiersMessage()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var verdict = await V132(Es256(Claims(), kid: InternalSigningKey.KeyIdOf(other), key: other));
        AssertRefused(verdict, "Unknown key id (kid) in token");
        Assert.False(verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.SelfSignedKey).Passed);
    }

    [Fact]
    public async Task Es256_AnEmptyKidStillChoosesEs256()
    {
        var verdict = await V132(Es256(Claims(), kid: ""));
        AssertRefused(verdict, SelfSignedVerifierTexts.UnknownKeyId);
    }

    [Fact]
    public async Task Es256_InternalJwksDocumentServesTheSameKeys()
    {
        var jwks = KeySet.Parse($"{{\"keys\":[{InternalSigningKey.PublicJwk(ServerKey)}]}}", "internal-jwks.json", At, out _)!;
        Assert.Equal(200, (await V132(Es256(Claims()), keys: jwks)).Status);
    }

    [Fact]
    public async Task Es256_HmacWithAKidIsRefusedAsAlgorithm()
    {
        // A kid routes to ES256 only: an HS256 signature under a kid is not allowed, whatever key made it.
        var token = Sign(new { alg = "HS256", typ = "JWT", kid = FixtureKid }, Claims(), hmacKey: Encoding.UTF8.GetBytes(SecretKey));
        AssertRefused(await V132(token), "Invalid self-signed token: The specified alg value is not allowed");
    }

    [Fact]
    public async Task Es256_WithoutKeysAndNoSigningKeySettingIsNotConfigured()
    {
        var env = Keycloak(("SECRET_KEY", SecretKey));
        var verdict = await Evaluate(Bearer(Es256(Claims())), env, release: GatewayRelease.V132);
        AssertRefused(verdict, "Token has kid but asymmetric signing is not configured (no INTERNAL_SIGNING_KEY_PATH)");
        Assert.True(verdict.IsProvisional); // a key mounted at the default path would change the answer
    }

    [Fact]
    public async Task Es256_WithoutKeysButAKeyConfiguredIsNotEvaluated()
    {
        var verdict = await Evaluate(Bearer(Es256(Claims())), EnvWithKey(), release: GatewayRelease.V132);
        Assert.Equal(401, verdict.Status);
        Assert.True(verdict.IsProvisional);
        var key = verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.SelfSignedKey);
        Assert.StartsWith("not evaluated", key.Observed);
        Assert.Contains("-SigningKeyPath", key.Hint);
    }

    [Fact]
    public async Task Hs256_WithoutKidIsStillAcceptedWithSecretKey()
    {
        Assert.Equal(200, (await V132(SelfSigned(Claims()))).Status);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    public async Task RejectHs256_RefusesATokenWithoutKidInAnyCase(string value)
    {
        var verdict = await V132(SelfSigned(Claims()), EnvWithKey(("REJECT_HS256_TOKENS", value)));
        AssertRefused(verdict, "HS256 tokens are no longer accepted (REJECT_HS256_TOKENS=true). Generate a new token.");
        Assert.False(verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.SelfSignedLegacyGate).Passed);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData(" true")]
    public async Task RejectHs256_OnlyTheWordTrueCounts(string value)
    {
        Assert.Equal(200, (await V132(SelfSigned(Claims()), EnvWithKey(("REJECT_HS256_TOKENS", value)))).Status);
    }

    [Fact]
    public async Task RejectHs256_RunsBeforeSignatureAndExpiry()
    {
        var expiredWrongKey = SelfSigned(Claims(exp: -3600), key: new string('z', 40));
        var verdict = await V132(expiredWrongKey, EnvWithKey(("REJECT_HS256_TOKENS", "true")));
        AssertRefused(verdict, SelfSignedVerifierTexts.Hs256Rejected);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == GatewayJwtCheckNames.SelfSignedSignature || c.Name == GatewayJwtCheckNames.SelfSignedExpiry);
    }

    [Fact]
    public async Task RejectHs256_LeavesEs256TokensAlone()
    {
        Assert.Equal(200, (await V132(Es256(Claims()), EnvWithKey(("REJECT_HS256_TOKENS", "true")))).Status);
    }

    [Fact]
    public async Task Size_OverTheLimitFailsFirst()
    {
        var claims = Claims();
        claims["padding"] = new string('a', 8192);
        var verdict = await V132(Es256(claims, kid: null!), EnvWithKey(("REJECT_HS256_TOKENS", "true")));
        AssertRefused(verdict, "Token exceeds maximum size");
        Assert.Equal(GatewayJwtCheckNames.SelfSignedVerifier, verdict.Checks[^1].Name);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == GatewayJwtCheckNames.SelfSignedLegacyGate);
    }

    [Fact]
    public async Task Header_ANullKidCannotBeParsed()
    {
        var token = SignRaw("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":null}", Json(Claims()), ec: ServerKey);
        AssertRefused(await V132(token), "Cannot parse token header: Key ID header parameter must be a string");
    }

    [Fact]
    public async Task Issuer_ComesFromJwtIssuer()
    {
        var env = EnvWithKey(("JWT_ISSUER", "https://auth.example.com"));
        Assert.Equal(200, (await V132(Es256(Claims(iss: "https://auth.example.com")), env)).Status);

        // A token naming the default issuer is then not the auth server's: the provider judges it (and refuses it).
        var verdict = await V132(Es256(Claims()), env);
        Assert.Equal(401, verdict.Status);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == GatewayJwtCheckNames.SelfSignedVerifier);
    }

    [Fact]
    public async Task Audience_ComesFromJwtAudience()
    {
        Assert.Equal(200, (await V132(Es256(Claims(aud: "registry-prod")), EnvWithKey(("JWT_AUDIENCE", "registry-prod")))).Status);
        AssertRefused(await V132(Es256(Claims(aud: "mcp-internal"))), "Invalid self-signed token: Audience doesn't match");
    }

    [Fact]
    public async Task Expiry_ThirtySecondsOfLeewayAndNoMore()
    {
        Assert.Equal(200, (await V132(Es256(Claims(exp: -29)))).Status);
        AssertRefused(await V132(Es256(Claims(exp: -30))), "Token has expired");
    }

    [Fact]
    public async Task IssuedAtAndNotBefore_ThirtySecondsAheadPass()
    {
        Assert.Equal(200, (await V132(Es256(Claims(iat: 30, nbf: 30)))).Status);
        AssertRefused(await V132(Es256(Claims(iat: 31))), "Invalid self-signed token: The token is not yet valid (iat)");
        AssertRefused(await V132(Es256(Claims(nbf: 31))), "Invalid self-signed token: The token is not yet valid (nbf)");
    }

    [Fact]
    public async Task Signature_AnotherKeyUnderTheKnownKidFails()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AssertRefused(await V132(Es256(Claims(), key: other)), "Invalid self-signed token: Signature verification failed");
    }

    [Fact]
    public async Task TokenUse_MustBeAccessWithPythonsStrOfTheValue()
    {
        AssertRefused(await V132(Es256(Claims(tokenUse: "id"))), "Invalid token_use: id");
        var missing = Claims();
        missing.Remove("token_use");
        AssertRefused(await V132(Es256(missing)), "Invalid token_use: None");
    }

    [Fact]
    public async Task TokenKind_MissingIs403AfterVerification()
    {
        var verdict = await V132(Es256(Claims(kind: null)));
        Assert.Equal(403, verdict.Status);
        Assert.Equal(GatewayJwtTexts.MissingTokenKind, verdict.Detail);
    }

    [Fact]
    public async Task Release130_VerifiesHs256OnlyAndFallsToTheProvider()
    {
        // 1.30 knows no kid dispatch: an ES256 token fails the HS256-only algorithm check, then the provider.
        var verdict = await Evaluate(Bearer(Es256(Claims())), EnvWithKey(), release: GatewayRelease.V130, internalKeys: ServerKeys);
        Assert.Equal(401, verdict.Status);
        Assert.False(verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.SelfSignedAlgorithm).Passed);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == GatewayJwtCheckNames.SelfSignedVerifier);
        Assert.Contains(verdict.Checks, c => c.Name == GatewayJwtCheckNames.Provider);

        // ...and it ignores REJECT_HS256_TOKENS.
        Assert.Equal(200, (await Evaluate(Bearer(SelfSigned(Claims())), EnvWithKey(("REJECT_HS256_TOKENS", "true")), release: GatewayRelease.V130)).Status);
    }

    [Fact]
    public async Task Release132_ExpiredTokenDoesNotReachTheProvider()
    {
        var verdict = await V132(SelfSigned(Claims(exp: -31)));
        AssertRefused(verdict, SelfSignedVerifierTexts.Expired);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == GatewayJwtCheckNames.Provider);
    }

    [Fact]
    public void Latest_IsTheNewestReleaseModelled()
    {
        Assert.Equal(GatewayRelease.V132, GatewayRelease.Latest);
        Assert.Equal(GatewayRelease.V132, GatewayReleases.Parse("latest"));
        Assert.Equal(GatewayRelease.V130, GatewayReleases.Parse("v130"));
        Assert.Throws<ArgumentException>(() => GatewayReleases.Parse("V131"));
    }
}
