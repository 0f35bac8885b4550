using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>Auth0's issuer form (trailing slash) with real tokens: accepted as Auth0 issues it, and the slash hint when it is missing.</summary>
public class RealIdpAuth0ShapedTests
{
    private static Dictionary<string, string> Env(IdpServer server) => new()
    {
        ["AUTH_PROVIDER"] = "auth0",
        ["AUTH0_DOMAIN"] = $"127.0.0.1:{server.Port}",
        ["AUTH0_CLIENT_ID"] = "spa",
        ["AUTH0_CLIENT_SECRET"] = "unused",
        ["AUTH0_AUDIENCE"] = "https://registry.test",
    };

    private static GatewayJwtRequest Bearer(string token) => new()
    {
        Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        OriginalUrl = "https://gateway.test/api/servers",
    };

    private static Task<IdpServer> Start(string suffix) =>
        IdpServer.StartAsync(suffix, routes: new Dictionary<string, string> { ["jwks"] = "/.well-known/jwks.json" });

    [Fact]
    public async Task RealIdp_Auth0IssuerWithTrailingSlashAccepted()
    {
        await using var idp = await Start("/");
        var token = await idp.GetAccessTokenAsync("rs256-client");
        var verdict = await new GatewayJwtStage(new HttpKeySetSource(idp.Client)).EvaluateAsync(Bearer(token), Env(idp), DateTimeOffset.UtcNow);
        Assert.True(verdict.Accepted, string.Join("\n", verdict.Checks));
        Assert.Equal("Jwt:auth0", verdict.AcceptedBy);
    }

    [Fact]
    public async Task RealIdp_Auth0IssuerWithoutTrailingSlashRejectedWithHint()
    {
        await using var idp = await Start("");
        var token = await idp.GetAccessTokenAsync("rs256-client");
        var verdict = await new GatewayJwtStage(new HttpKeySetSource(idp.Client)).EvaluateAsync(Bearer(token), Env(idp), DateTimeOffset.UtcNow);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Issuer", verdict.FailedCheck!.Name);
        Assert.Contains(verdict.Hints, h => h.Contains("trailing slash"));
        Assert.StartsWith("<html>", verdict.ClientBody); // /api/ answers with nginx's HTML page
    }
}
