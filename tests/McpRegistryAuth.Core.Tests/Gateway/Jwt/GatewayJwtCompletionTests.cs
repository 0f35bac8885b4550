using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Tokens;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

public class GatewayJwtCompletionTests
{
    private static readonly (string, string)[] KeycloakSettings = Keycloak().Select(kv => (kv.Key, kv.Value)).ToArray();

    private static async Task<Verdict> Pipeline(GatewayRequest request, params (string, string)[] settings)
    {
        var config = Config(settings);
        var provisional = GatewayAuthPipeline.Evaluate(request, config);
        return await GatewayJwtCompletion.CompleteAsync(provisional, request, settings.ToDictionary(s => s.Item1, s => s.Item2), new GatewayJwtStage(new FixedKeySetSource(Keys), selfSigned: new SelfSignedVerification(GatewayRelease.V130)), At);
    }

    [Fact]
    public async Task Completion_ValidIdpTokenReplacesTheProvisional401()
    {
        var token = RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", preferred_username = "bob", exp = In(300) });
        var request = Bearer("https://gw.example.com/currenttime/mcp", token);
        Assert.True(GatewayJwtCompletion.NeedsJwtStage(GatewayAuthPipeline.Evaluate(request, Config(KeycloakSettings))));

        var verdict = await Pipeline(request, KeycloakSettings);
        Assert.Equal(200, verdict.Status);
        Assert.False(verdict.IsProvisional);
        Assert.Equal(FallThroughTarget.Jwt, verdict.FallsThroughTo);
        Assert.Equal("Jwt:keycloak", verdict.AcceptedBy);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == GatewayJwtCheckNames.Jwt);
        Assert.Contains(verdict.Checks, c => c.Name == "Gateway.Credential.Header");
        Assert.Contains(verdict.Checks, c => c.Name == "Gateway.Jwt.Signature" && c.Passed);
        Assert.Contains("\"method\":\"keycloak\"", verdict.Body);
    }

    [Fact]
    public async Task Completion_WrongStaticTokenEndsAsTokenValidationFailed()
    {
        var request = Bearer("https://gw.example.com/api/servers/", "not-the-static-token-0123456789abcdef");
        var verdict = await Pipeline(request, [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. KeycloakSettings]);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.False(verdict.IsProvisional);
        Assert.False(verdict.Checks.Single(c => c.Name == "Gateway.Jwt.Decode").Passed);
        Assert.StartsWith("<html>", verdict.ClientBody);
    }

    private sealed class NoNetworkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no fetch expected: " + request.RequestUri);
    }

    [Fact]
    public async Task Stage_OfflineJwksIsUsedWithoutFetching()
    {
        using var client = new HttpClient(new NoNetworkHandler());
        var token = RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", preferred_username = "bob", exp = In(300) });
        var stage = GatewayJwtCompletion.Stage(Keys, client, noCache: true);

        var verdict = await stage.EvaluateAsync(Bearer(token), Keycloak(), At);

        Assert.Equal(200, verdict.Status);
        Assert.DoesNotContain(verdict.Checks, c => c.Name.StartsWith("Fetch.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completion_AcceptedStaticTokenIsLeftAsIs()
    {
        var request = Bearer("https://gw.example.com/api/servers/", LegacyToken);
        var verdict = await Pipeline(request, [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. KeycloakSettings]);
        Assert.Equal(200, verdict.Status);
        Assert.Equal("StaticToken:legacy", verdict.AcceptedBy);
        Assert.DoesNotContain(verdict.Checks, c => c.Name.StartsWith("Gateway.Jwt.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completion_SessionCookieKeepsTheVerdictProvisional()
    {
        var token = RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", exp = In(-60) });
        var request = Request("https://gw.example.com/currenttime/mcp", ("Authorization", "Bearer " + token), ("Cookie", "mcp_gateway_session=abc"));
        var verdict = await Pipeline(request, KeycloakSettings);
        Assert.Equal(401, verdict.Status);
        Assert.True(verdict.IsProvisional);
        Assert.Equal(FallThroughTarget.Session, verdict.FallsThroughTo);
        Assert.Equal("Gateway.Jwt.Expiry", verdict.Checks.First(c => !c.Passed && c.Name.StartsWith("Gateway.Jwt.", StringComparison.Ordinal)).Name);
    }

    [Fact]
    public async Task FailedCheck_WrongStaticTokenThatIsNoJwtIsTheStaticMismatch()
    {
        var request = Bearer("https://gw.example.com/api/servers/", "not-the-static-token-0123456789abcdef");
        var verdict = await Pipeline(request, [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. KeycloakSettings]);
        Assert.Equal("Gateway.StaticToken.Match", verdict.FailedCheck!.Name);
        Assert.Contains(verdict.Hints, h => h.Contains("matches no static key"));
    }

    [Fact]
    public async Task FailedCheck_JwtOnAStaticTokenPathIsTheJwtStagesReason()
    {
        // The JWT matches no static key either, but the JWT stage's expiry check is what decides the 401.
        var token = RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", exp = In(-60) });
        var request = Bearer("https://gw.example.com/api/servers/", token);
        var verdict = await Pipeline(request, [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. KeycloakSettings]);
        Assert.Equal(401, verdict.Status);
        Assert.False(verdict.Checks.Single(c => c.Name == "Gateway.StaticToken.Match").Passed);
        Assert.Equal("Gateway.Jwt.Expiry", verdict.FailedCheck!.Name);
    }

    [Fact]
    public async Task FailedCheck_IsNullWhenTheJwtStageAccepts()
    {
        var token = RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", preferred_username = "bob", exp = In(300) });
        var request = Bearer("https://gw.example.com/api/servers/", token);
        var verdict = await Pipeline(request, [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. KeycloakSettings]);
        Assert.Equal(200, verdict.Status);
        Assert.Null(verdict.FailedCheck);
    }

    [Fact]
    public async Task FailedCheck_StaticTokenWithASessionCookieIsTheCookie()
    {
        var request = Request("https://gw.example.com/api/servers/", ("Authorization", "Bearer " + LegacyToken), ("Cookie", "mcp_gateway_session=stale"));
        var verdict = await Pipeline(request, [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. KeycloakSettings]);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.StaticToken.NoSessionCookie", verdict.FailedCheck!.Name);
    }

    [Fact]
    public async Task FailedCheck_StaticTokenOnAnMcpPathIsThePathRule()
    {
        var verdict = await Pipeline(Bearer("https://gw.example.com/currenttime/mcp", LegacyToken), [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. KeycloakSettings]);
        Assert.Equal("Gateway.StaticToken.PathMatch", verdict.FailedCheck!.Name);
    }

    [Fact]
    public async Task FailedCheck_WrongStaticTokenWithoutIdpSettingsIsTheStaticMismatch()
    {
        var verdict = await Pipeline(Bearer("https://gw.example.com/api/servers", "wrong-token-0123456789-0123456789-xyz"), ("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.Equal(FallThroughTarget.Jwt, verdict.FallsThroughTo);

        // Without AUTH_PROVIDER settings the IdP step cannot be evaluated here: the 401 stays provisional.
        Assert.True(verdict.IsProvisional);
        Assert.Equal("Gateway.StaticToken.Match", verdict.FailedCheck!.Name);
    }

    [Fact]
    public async Task FailedCheck_LowerCaseBearerIsTheStaticSchemeRule()
    {
        var request = Request("https://gw.example.com/api/servers", ("Authorization", "bearer " + LegacyToken));
        var verdict = await Pipeline(request, ("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.StaticToken.BearerScheme", verdict.FailedCheck!.Name);
    }
}
