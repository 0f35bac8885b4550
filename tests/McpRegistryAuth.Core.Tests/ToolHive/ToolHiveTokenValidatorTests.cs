using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using Xunit;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

using McpRegistryAuth.Core.Tests.Tokens;

namespace McpRegistryAuth.Core.Tests.ToolHive;

public class ToolHiveTokenValidatorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private const string Issuer = "https://idp.example.com/realms/acme";
    private const string Audience = "https://registry.example.com";

    private static long In(int seconds) => At.ToUnixTimeSeconds() + seconds;

    private static readonly KeySet Keys = KeySet.Parse(DefaultJwks(), "jwks.json", At, out _)!;

    private static ToolHiveTokenProvider Provider(string issuer = Issuer, string audience = Audience, string? jwksUrl = "https://idp.example.com/jwks", string? introspection = null, string name = "primary") =>
        new() { Name = name, IssuerUrl = issuer, Audience = audience, JwksUrl = jwksUrl, IntrospectionUrl = introspection };

    private sealed class RecordingDiscovery : IDiscoverySource
    {
        public List<string> Requested { get; } = new();

        public string? Error { get; init; }

        public Task<(DiscoveryDocument?, string?)> GetAsync(Uri discoveryUri, CancellationToken cancellationToken)
        {
            Requested.Add(discoveryUri.OriginalString);
            return Task.FromResult<(DiscoveryDocument?, string?)>(Error is null ? (new DiscoveryDocument { Source = "d", Issuer = Issuer, JwksUri = "https://idp.example.com/jwks" }, null) : (null, Error));
        }
    }

    private static Task<ToolHiveProviderOutcome> Validate(string token, ToolHiveTokenProvider? provider = null, KeySet? keys = null, IDiscoverySource? discovery = null) =>
        new ToolHiveTokenValidator(new FixedKeySetSource(keys ?? Keys), discovery ?? new RecordingDiscovery(), null).ValidateAsync(provider ?? Provider(), new Secret(token), At);

    private static object Good(int exp = 300) => new { iss = Issuer, aud = Audience, sub = "svc", exp = In(exp) };

    [Fact]
    public async Task ToolHive_ValidRs256AndEs256Accepted()
    {
        Assert.True((await Validate(RsaToken(Good()))).Accepted);
        Assert.True((await Validate(Sign(new { alg = "ES256", kid = "ec-1" }, Good(), ec: Ec))).Accepted);
    }

    [Fact]
    public async Task ToolHive_DiscoveryUrlTrimsExactlyOneSlashAndJwksUrlSkipsIt()
    {
        var discovery = new RecordingDiscovery();
        await Validate(RsaToken(Good()), Provider(issuer: Issuer + "/", jwksUrl: null), discovery: discovery);
        Assert.Equal(Issuer + "/.well-known/openid-configuration", Assert.Single(discovery.Requested));
        var skipped = new RecordingDiscovery();
        await Validate(RsaToken(Good()), Provider(), discovery: skipped);
        Assert.Empty(skipped.Requested);
    }

    [Fact]
    public async Task ToolHive_DiscoveryFailureIsTheLoggedError()
    {
        var outcome = await Validate(RsaToken(Good()), Provider(jwksUrl: null), discovery: new RecordingDiscovery { Error = "OIDC discovery endpoint returned status 404" });
        Assert.Equal("OIDC discovery failed: failed to discover OIDC configuration: OIDC discovery endpoint returned status 404", outcome.Error);
    }

    [Theory]
    [InlineData("opaque-token", "token contains an invalid number of segments")]
    [InlineData("a.b.c.d", "token contains an invalid number of segments")]
    public async Task ToolHive_MalformedTokenIsOpaqueAndNeedsIntrospection(string token, string reason)
    {
        var outcome = await Validate(token);
        Assert.True(outcome.Introspected);
        Assert.Equal("failed to introspect opaque token: no introspection endpoint available", outcome.Error);
        Assert.Contains(outcome.Hints, h => h.Contains(reason));
    }

    [Fact]
    public async Task ToolHive_BadSignatureSegmentIsOpaqueEvenForAValidHeader()
    {
        var parts = RsaToken(Good()).Split('.');
        var outcome = await Validate(parts[0] + "." + parts[1] + "." + parts[2] + "=");
        Assert.True(outcome.Introspected);
        Assert.Equal("could not base64 decode signature", outcome.Checks.Single(c => c.Name == "ToolHive.Jwt.Parse").Observed);
    }

    [Fact]
    public async Task ToolHive_AlgUnspecifiedOrUnavailableIsUnverifiable()
    {
        Assert.Equal("failed to parse token: token is unverifiable: signing method (alg) is unspecified", (await Validate(Sign(new { kid = "rsa-1" }, Good()))).Error);
        Assert.Equal("failed to parse token: token is unverifiable: signing method (alg) is unavailable", (await Validate(Sign(new { alg = "XY256", kid = "rsa-1" }, Good()))).Error);
    }

    [Theory]
    [InlineData("PS256")]
    [InlineData("HS256")]
    [InlineData("EdDSA")]
    [InlineData("none")]
    public async Task ToolHive_OnlyRsaAndEcdsaAlgorithmsAccepted(string alg)
    {
        var outcome = await Validate(Sign(new { alg, kid = "rsa-1" }, Good()));
        Assert.Equal($"failed to parse token: token is unverifiable: error while executing keyfunc: unexpected signing method: {alg}", outcome.Error);
    }

    [Fact]
    public async Task ToolHive_KidMustBeAJsonString()
    {
        Assert.EndsWith("token header missing kid", (await Validate(RsaToken(Good(), kid: null))).Error);
        Assert.EndsWith("token header missing kid", (await Validate(Sign(new { alg = "RS256", kid = 1 }, Good()))).Error);
    }

    [Fact]
    public async Task ToolHive_UnknownKidAfterRotationGivesTheWorstCaseWait()
    {
        var outcome = await Validate(RsaToken(Good(), kid: "rsa-2", rsa: OtherRsa));
        Assert.Equal("failed to parse token: token is unverifiable: error while executing keyfunc: key ID rsa-2 not found in JWKS", outcome.Error);
        Assert.Contains(outcome.Hints, h => h.Contains("Worst-case wait: 15m"));

        var withMaxAge = KeySet.Parse(DefaultJwks(), "jwks", At, out _)!.WithAdvertisedMaxAge(TimeSpan.FromHours(2));
        var later = await Validate(RsaToken(Good(), kid: "rsa-2", rsa: OtherRsa), keys: withMaxAge);
        Assert.Contains(later.Hints, h => h.Contains("Worst-case wait: 2h") && h.Contains("max-age 2h"));
    }

    [Fact]
    public async Task ToolHive_KeyOfTheWrongTypeFailsAtTheSignature()
    {
        var outcome = await Validate(Sign(new { alg = "ES256", kid = "rsa-1" }, Good(), ec: Ec));
        Assert.Equal("failed to parse token: token signature is invalid: key is of invalid type: ECDSA verify expects *ecdsa.PublicKey", outcome.Error);
    }

    [Fact]
    public async Task ToolHive_TamperedTokenSignatureInvalid()
    {
        Assert.Equal("failed to parse token: token signature is invalid: crypto/rsa: verification error", (await Validate(RsaToken(Good(), rsa: OtherRsa))).Error);
    }

    [Fact]
    public async Task ToolHive_LibraryExpiryRunsBeforeIssuer()
    {
        var outcome = await Validate(RsaToken(new { iss = "https://wrong", aud = Audience, exp = In(-5) }));
        Assert.Equal("failed to parse token: token has invalid claims: token is expired", outcome.Error);
        Assert.Contains(outcome.Hints, h => h.Contains("expired 5s ago"));
    }

    [Fact]
    public async Task ToolHive_ExpAndNbfMessagesAreJoined()
    {
        var outcome = await Validate(RsaToken(new { iss = Issuer, aud = Audience, exp = In(-5), nbf = In(60) }));
        Assert.Equal("failed to parse token: token has invalid claims: token is expired, token is not valid yet", outcome.Error);
    }

    [Fact]
    public async Task ToolHive_ExpEqualToNowIsExpiredAndZeroLeeway()
    {
        Assert.EndsWith("token is expired", (await Validate(RsaToken(Good(exp: 0)))).Error);
        Assert.True((await Validate(RsaToken(Good(exp: 1)))).Accepted);
    }

    [Fact]
    public async Task ToolHive_NonNumericExpIsATypeError()
    {
        var outcome = await Validate(RsaToken(new { iss = Issuer, aud = Audience, exp = "tomorrow" }));
        Assert.Equal("failed to parse token: token has invalid claims: invalid type for claim: exp is invalid", outcome.Error);
    }

    [Fact]
    public async Task ToolHive_IatInTheFutureIsIgnored() =>
        Assert.True((await Validate(RsaToken(new { iss = Issuer, aud = Audience, exp = In(600), iat = In(300) }))).Accepted);

    [Fact]
    public async Task ToolHive_IssuerComparedAfterTrimmingSpacesOnly()
    {
        Assert.True((await Validate(RsaToken(new { iss = " " + Issuer + " ", aud = Audience, exp = In(60) }))).Accepted);
        var slash = await Validate(RsaToken(new { iss = Issuer + "/", aud = Audience, exp = In(60) }));
        Assert.Equal("invalid issuer", slash.Error);
        Assert.Contains(slash.Hints, h => h.Contains("trailing slash"));
    }

    [Fact]
    public async Task ToolHive_NonStringIssuerIsATypeError() =>
        Assert.Equal("failed to get issuer from claims: invalid type for claim: iss is invalid", (await Validate(RsaToken(new { iss = 5, aud = Audience, exp = In(60) }))).Error);

    [Theory]
    [InlineData("[\"a\",\"https://registry.example.com\"]", true)]
    [InlineData("\"https://registry.example.com\"", true)]
    [InlineData("\"HTTPS://registry.example.com\"", false)]
    [InlineData("[1,\"https://registry.example.com\"]", false)]
    [InlineData("7", false)]
    public async Task ToolHive_AudienceNeedsAnExactStringElement(string audJson, bool accepted)
    {
        var token = SignRaw("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", $"{{\"iss\":\"{Issuer}\",\"aud\":{audJson},\"exp\":{In(60)}}}");
        var outcome = await Validate(token);
        Assert.Equal(accepted, outcome.Accepted);
        if (!accepted) Assert.Equal("invalid audience", outcome.Error);
    }

    [Fact]
    public async Task ToolHive_ExpIsRequired() => Assert.Equal("token expired", (await Validate(RsaToken(new { iss = Issuer, aud = Audience }))).Error);

    [Fact]
    public async Task ToolHive_KubernetesServiceAccountIssuerAndAudienceHints()
    {
        var provider = Provider(issuer: "https://kubernetes.default.svc", audience: "https://kubernetes.default.svc");
        var issuer = await Validate(RsaToken(new { iss = "https://kubernetes.default.svc.cluster.local", aud = new[] { "https://kubernetes.default.svc.cluster.local" }, sub = "system:serviceaccount:toolhive:registry", exp = In(600) }), provider);
        Assert.Equal("invalid issuer", issuer.Error);
        Assert.Contains(issuer.Hints, h => h.Contains("--service-account-issuer"));

        var audience = await Validate(RsaToken(new { iss = "https://kubernetes.default.svc", aud = new[] { "https://kubernetes.default.svc.cluster.local" }, exp = In(600) }), provider);
        Assert.Equal("invalid audience", audience.Error);
        Assert.Contains(audience.Hints, h => h.Contains("serviceAccountToken.audience"));
    }

    [Fact]
    public async Task ToolHive_KeycloakAccountAudienceHint()
    {
        var outcome = await Validate(RsaToken(new { iss = Issuer, aud = "account", exp = In(60) }));
        Assert.Contains(outcome.Hints, h => h.Contains("Audience mapper"));
    }

    [Fact]
    public async Task ToolHive_ProvidersInOrderFirstAcceptanceWins()
    {
        var validator = new ToolHiveTokenValidator(new FixedKeySetSource(Keys), new RecordingDiscovery(), null);
        var providers = new[] { Provider(issuer: "https://other-idp", name: "other"), Provider(name: "acme"), Provider(name: "never-reached") };
        var verdict = await ToolHiveTokenVerdict.EvaluateAsync(new Secret(RsaToken(Good())), providers, validator, At);
        Assert.Equal(200, verdict.Status);
        Assert.Equal("Provider:acme", verdict.AcceptedBy);
        Assert.Equal("svc", verdict.Identity);
        Assert.Contains(verdict.Checks, c => c.Name == "ToolHive.Provider.DebugLog" && c.Observed == "Provider failed to validate token provider=other error=invalid issuer");
        Assert.DoesNotContain(verdict.Checks, c => c.Observed == "never-reached");
    }

    [Fact]
    public async Task ToolHive_AllProvidersFailGivesTheInvalidTokenBytes()
    {
        var validator = new ToolHiveTokenValidator(new FixedKeySetSource(Keys), new RecordingDiscovery(), null);
        var verdict = await ToolHiveTokenVerdict.EvaluateAsync(new Secret(RsaToken(Good(exp: -60))), new[] { Provider() }, validator, At, realm: "", resourceUrl: "https://registry.example.com");
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Bearer realm=\"mcp-registry\", error=\"invalid_token\", error_description=\"token validation failed\", resource_metadata=\"https://registry.example.com/.well-known/oauth-protected-resource\"", verdict.WwwAuthenticate);
        Assert.Equal("{\"error\":\"token validation failed\"}\n", verdict.Body);
        Assert.Equal(ToolHiveTokenVerdict.AllProvidersFailed, verdict.Detail);
        Assert.Equal("Bearer realm=\" \", error=\"invalid_token\", error_description=\"token validation failed\"", ToolHiveTokenVerdict.Challenge(" ", "invalid_token", "token validation failed", null));
    }
}
