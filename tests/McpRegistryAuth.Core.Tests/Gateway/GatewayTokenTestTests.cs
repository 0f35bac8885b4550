using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Tokens;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway;

public class GatewayTokenTestTests
{
    private static readonly (string Name, string Value)[] StaticAndKeycloak =
        [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), .. Keycloak().Select(kv => (kv.Key, kv.Value))];

    private static GatewayTokenTest TokenTest((string Name, string Value)[] settings, ScopeDefinitions? scopes = null) =>
        new(Config(settings), settings.ToDictionary(s => s.Name, s => s.Value), new GatewayJwtStage(new FixedKeySetSource(Keys), selfSigned: new SelfSignedVerification(GatewayRelease.V130)), scopes);

    private static TokenTestRequest Request(string? token, string url, DateTimeOffset? at = null, params (string Name, string Value)[] headers) => new()
    {
        At = at ?? At,
        Token = token is null ? null : new Secret(token),
        Uri = new Uri(url),
        Headers = headers.Select(h => new KeyValuePair<string, Secret>(h.Name, new Secret(h.Value))).ToArray(),
    };

    private static string KeycloakToken() =>
        RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", preferred_username = "bob", exp = In(300), groups = new[] { "registry-users-lob1" } });

    [Fact]
    public async Task Gateway_StaticTokenIsDecidedByThePipeline()
    {
        var verdict = await TokenTest(StaticAndKeycloak).EvaluateAsync(Request(LegacyToken, "https://gw.example.com/api/servers/"));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("StaticToken:legacy", verdict.AcceptedBy);
        Assert.DoesNotContain(verdict.Checks, c => c.Name.StartsWith("Gateway.Jwt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gateway_FallThroughIsCompletedByTheJwtStage()
    {
        var verdict = await TokenTest(StaticAndKeycloak).EvaluateAsync(Request(KeycloakToken(), "https://gw.example.com/currenttime/mcp"));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("Jwt:keycloak", verdict.AcceptedBy);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == GatewayJwtCheckNames.Jwt);

        // The groups map to scopes only through scope definitions, so FGAC is not evaluated and the 200 is provisional.
        Assert.True(verdict.IsProvisional);
        Assert.Null(verdict.ScopeAccess);
        Assert.False(CheckNamed(verdict, ScopeCheckNames.FgacNotEvaluated).Passed);
    }

    [Fact]
    public async Task Gateway_JwtIsEvaluatedAtTheRequestsInstant()
    {
        var request = Request(KeycloakToken(), "https://gw.example.com/currenttime/mcp", At.AddHours(1));
        var verdict = await TokenTest(StaticAndKeycloak).EvaluateAsync(request);
        Assert.Equal(401, verdict.Status);
        Assert.Contains(verdict.Checks, c => c.Name.EndsWith(".Expiry", StringComparison.Ordinal) && !c.Passed);
    }

    [Fact]
    public async Task Gateway_ExplicitAuthorizationHeaderWinsOverToken()
    {
        var request = Request(LegacyToken, "https://gw.example.com/api/servers/", null, ("authorization", "Bearer not-the-static-token-0123456789abcdef"));
        var verdict = await TokenTest(StaticAndKeycloak).EvaluateAsync(request);
        Assert.Equal(401, verdict.Status);
        Assert.Null(verdict.AcceptedBy);
    }

    [Fact]
    public void Gateway_TokenThatCannotBeAHeaderIsRejectedBeforeEvaluation()
    {
        var tokenTest = TokenTest(StaticAndKeycloak);
        var error = Assert.Throws<ArgumentException>(() => { _ = tokenTest.EvaluateAsync(Request("abc\ndef", "https://gw.example.com/api/servers/")); });
        Assert.Contains("control character", error.Message);
        Assert.DoesNotContain("abc", error.Message);
    }

    [Fact]
    public async Task Gateway_TokenFileChecksComeBeforeThePipelinesChecks()
    {
        var fileCheck = new Check("Gateway.TokenFile.Read", true, "1 line", "one line");
        var request = Request(LegacyToken, "https://gw.example.com/api/servers/") with { TokenFileChecks = [fileCheck] };
        var verdict = await TokenTest(StaticAndKeycloak).EvaluateAsync(request);
        Assert.Equal(fileCheck, verdict.Checks[0]);
        Assert.Equal(200, verdict.Status);
    }

    [Fact]
    public async Task Gateway_ScopesAreAppliedWhenDefinitionsAreGiven()
    {
        var keys = $"{{\"ci-bot\":{{\"key\":\"{CiKey}\",\"groups\":[\"registry-users-lob1\"]}}}}";
        (string, string)[] settings = [("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken), ("REGISTRY_API_KEYS", keys)];
        var request = Request(CiKey, "https://gw.example/api/servers");

        var withScopes = await TokenTest(settings, DefaultMcpScopes()).EvaluateAsync(request);
        var without = await TokenTest(settings).EvaluateAsync(request);

        Assert.Equal(["registry-users-lob1"], withScopes.Scopes);
        Assert.True(CheckNamed(withScopes, ScopeCheckNames.Scopes).Passed);
        Assert.Null(without.Scopes);
    }

    [Fact]
    public async Task Gateway_PerRequestChecksLeaveOutTheStartupChecks()
    {
        var tokenTest = TokenTest(StaticAndKeycloak);
        var config = Config(StaticAndKeycloak);
        Assert.NotEmpty(config.StartupChecks);
        var verdict = await tokenTest.EvaluateAsync(Request(LegacyToken, "https://gw.example.com/api/servers/"));

        Assert.Contains(verdict.Checks, config.StartupChecks.Contains);

        var perRequest = tokenTest.PerRequestChecks(verdict).ToArray();

        Assert.NotEmpty(perRequest);
        Assert.All(config.StartupChecks, startup => Assert.DoesNotContain(startup, perRequest));
        Assert.Equal(verdict.Checks.Count - verdict.Checks.Count(config.StartupChecks.Contains), perRequest.Length);
    }
}
