using System.Net;
using System.Net.Sockets;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>Gateway verdicts for tokens minted by a real OpenID Provider, keys fetched over TLS.</summary>
public class RealIdpGatewayTests : IClassFixture<KeycloakShapedIdp>
{
    private readonly KeycloakShapedIdp idp;

    public RealIdpGatewayTests(KeycloakShapedIdp idp) => this.idp = idp;

    private static GatewayJwtRequest Bearer(string token) => new()
    {
        Headers = new Dictionary<string, string> { ["X-Authorization"] = "Bearer " + token },
        OriginalUrl = "https://gateway.test/currenttime/mcp",
    };

    private Task<Verdict> Evaluate(string token, IKeySetSource? keys = null) =>
        new GatewayJwtStage(keys ?? new HttpKeySetSource(idp.Server.Client)).EvaluateAsync(Bearer(token), idp.GatewayEnvironment(), DateTimeOffset.UtcNow);

    [Fact]
    public async Task RealIdp_Rs256AccessTokenAcceptedByKeycloakRules()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var verdict = await Evaluate(token);
        Assert.True(verdict.Accepted, string.Join("\n", verdict.Checks));
        Assert.Equal("Jwt:keycloak", verdict.AcceptedBy);
        Assert.Equal("rs256-client", verdict.Identity); // preferred_username absent: sub
        Assert.Equal(new[] { "read" }, verdict.Scopes);
    }

    [Fact]
    public async Task RealIdp_Es256AccessTokenRejectedBecauseGatewayAllowsOnlyRs256()
    {
        var token = await idp.Server.GetAccessTokenAsync("es256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var verdict = await Evaluate(token);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Algorithm", verdict.FailedCheck!.Name);
        Assert.Equal("ES256", verdict.FailedCheck.Observed);
    }

    [Fact]
    public async Task RealIdp_TokenForAnotherResourceFailsAudience()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", resource: "https://other-api.test", tokenPath: KeycloakShapedIdp.TokenPath);
        var verdict = await Evaluate(token);
        Assert.Equal("Gateway.Jwt.Audience", verdict.FailedCheck!.Name);
        Assert.Equal("\"https://other-api.test\"", verdict.FailedCheck.Observed);
    }

    [Fact]
    public async Task RealIdp_JwksIsCachedPerProcessAfterTheFirstFetch()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var source = new HttpKeySetSource(idp.Server.Client);
        await Evaluate(token, source);
        var second = await Evaluate(token, source);
        Assert.Contains("(cached)", second.Checks.Single(c => c.Name == "Gateway.Jwt.Jwks").Observed);
        var fresh = await Evaluate(token, new HttpKeySetSource(idp.Server.Client, noCache: true));
        Assert.DoesNotContain("(cached)", fresh.Checks.Single(c => c.Name == "Gateway.Jwt.Jwks").Observed);
    }

    [Fact]
    public async Task RealIdp_SystemRootsDoNotTrustTheTestCaSoTheGatewayAnswers401()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        using var systemRoots = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var verdict = await Evaluate(token, new HttpKeySetSource(systemRoots, noCache: true));
        Assert.Equal(401, verdict.Status);
        Assert.Contains("TLS", verdict.FailedCheck!.Observed);
    }

    [Fact]
    public async Task RealIdp_KeyRotationSeenAtOnceWithoutCacheButNotThroughTheProcessCache()
    {
        await using var rotating = await KeycloakShapedIdp.StartAsync();
        var env = new Dictionary<string, string>
        {
            ["AUTH_PROVIDER"] = "keycloak", ["KEYCLOAK_URL"] = rotating.BaseUrl, ["KEYCLOAK_CLIENT_ID"] = "x", ["KEYCLOAK_CLIENT_SECRET"] = "y",
        };
        var stage = (IKeySetSource keys) => new GatewayJwtStage(keys);
        var cachedSource = new HttpKeySetSource(rotating.Client);
        var before = await rotating.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        Assert.True((await stage(cachedSource).EvaluateAsync(Bearer(before), env, DateTimeOffset.UtcNow)).Accepted);

        await rotating.RotateKeysAsync();
        var after = await rotating.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);

        var newTokenCached = await stage(cachedSource).EvaluateAsync(Bearer(after), env, DateTimeOffset.UtcNow);
        Assert.Equal("Gateway.Jwt.KeyLookup", newTokenCached.FailedCheck!.Name); // the process cache still holds the old set

        var oldTokenFresh = await stage(new HttpKeySetSource(rotating.Client, noCache: true)).EvaluateAsync(Bearer(before), env, DateTimeOffset.UtcNow);
        Assert.Equal("Gateway.Jwt.KeyLookup", oldTokenFresh.FailedCheck!.Name);
        Assert.Equal("rsa-1", oldTokenFresh.FailedCheck.Observed);
        Assert.Contains("rsa-2", oldTokenFresh.FailedCheck.Expected);
        // -NoCache fetched the rotated set and refreshed the process cache.
        var newTokenFresh = await stage(cachedSource).EvaluateAsync(Bearer(after), env, DateTimeOffset.UtcNow);
        Assert.True(newTokenFresh.Accepted);
    }

    [Fact]
    public async Task RealIdp_DownIdpIs401WithConnectionRefused()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var env = idp.GatewayEnvironment();
        env["KEYCLOAK_URL"] = $"https://127.0.0.1:{port}";
        var verdict = await new GatewayJwtStage(new HttpKeySetSource(idp.Server.Client, noCache: true)).EvaluateAsync(Bearer(token), env, DateTimeOffset.UtcNow);
        Assert.Equal(401, verdict.Status);
        Assert.Contains("connection refused", verdict.FailedCheck!.Observed);
    }

    [Fact]
    public async Task RealIdp_GatewayFailedJwksFetchIsDiagnosedAfterTheJwksCheck()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var env = idp.GatewayEnvironment();
        env["KEYCLOAK_URL"] = $"https://127.0.0.1:{port}";
        var diagnosis = new McpRegistryAuth.Core.Http.FetchDiagnosis(new McpRegistryAuth.Core.Http.FetchDiagnosisOptions());

        var verdict = await new GatewayJwtStage(new HttpKeySetSource(idp.Server.Client, noCache: true), diagnosis).EvaluateAsync(Bearer(token), env, DateTimeOffset.UtcNow);

        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Jwks", verdict.FailedCheck!.Name);
        var names = verdict.Checks.Select(c => c.Name).ToList();
        var jwks = names.IndexOf("Gateway.Jwt.Jwks");
        Assert.Equal(["Fetch.Dns", "Fetch.PrivateAddress", "Fetch.TcpConnect", "Fetch.Tls", "Fetch.HttpStatus", "Fetch.ContentType", "Fetch.JsonShape", "Fetch.KeyIds"], names.Skip(jwks + 1));
        Assert.Contains("connection refused", verdict.Checks.Single(c => c.Name == "Fetch.TcpConnect").Observed);

        // Without a diagnosis the verdict's checks are the ones it always had.
        var plain = await new GatewayJwtStage(new HttpKeySetSource(idp.Server.Client, noCache: true)).EvaluateAsync(Bearer(token), env, DateTimeOffset.UtcNow);
        Assert.DoesNotContain(plain.Checks, c => c.Name.StartsWith("Fetch.", StringComparison.Ordinal));
        Assert.Equal(plain.Status, verdict.Status);
        Assert.Equal(plain.Body, verdict.Body);
    }

    [Fact]
    public async Task RealIdp_HangingIdpTimesOutAndIs401()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // accepts connections (backlog) but never answers
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var env = idp.GatewayEnvironment();
        env["KEYCLOAK_URL"] = $"https://127.0.0.1:{port}";
        using var client = idp.Server.CreateClient(TimeSpan.FromSeconds(1));
        var verdict = await new GatewayJwtStage(new HttpKeySetSource(client, noCache: true)).EvaluateAsync(Bearer(token), env, DateTimeOffset.UtcNow);
        listener.Stop();
        Assert.Equal(401, verdict.Status);
        Assert.Contains("timed out", verdict.FailedCheck!.Observed);
    }

    [Fact]
    public async Task RealIdp_InspectionShowsHeaderClaimsAndExpiry()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var inspection = TokenInspector.Inspect(new Secret(token), DateTimeOffset.UtcNow);
        Assert.Equal(TokenKind.Jwt, inspection.Kind);
        Assert.Equal("rsa-1", inspection.KeyId);
        Assert.Equal("at+jwt", inspection.Type);
        Assert.Equal(idp.Server.Issuer, inspection.Issuer);
        Assert.Equal("rs256-client", inspection.ClientId);
        Assert.InRange(inspection.ExpiresAt!.SecondsFromNow!.Value, 540, 601); // accessTokenTTL 600 s
        Assert.StartsWith("expires in ", inspection.ExpiresAt.Relative);
    }
}
