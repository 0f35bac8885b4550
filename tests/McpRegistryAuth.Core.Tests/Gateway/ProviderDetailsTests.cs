using McpRegistryAuth.Core.Gateway.Jwt;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Provider details that change /validate's whole answer (groups claim shapes, the provider factory).</summary>
public class ProviderDetailsTests
{
    private const string Mcp = "https://gw.example.com/currenttime/mcp";

    private static (string, string)[] OktaSettings() => Okta().Select(kv => (kv.Key, kv.Value)).ToArray();

    private static (string, string)[] Auth0Settings() => Auth0().Select(kv => (kv.Key, kv.Value)).ToArray();

    [Fact]
    public async Task Okta_ASingleStringGroupIsAcceptedAndMapped()
    {
        var token = RsaToken(new { iss = "https://acme.okta.com/oauth2/default", aud = "okta-web", sub = "dan@acme", cid = "okta-web", groups = "registry-users-lob1", exp = In(300) });
        var verdict = await Answer(Test(V124Scopes(), extra: OktaSettings()), Request(token, Mcp, Call("current_time_by_timezone")));
        Assert.Equal(200, verdict.Status);
        Assert.Equal(["registry-users-lob1"], verdict.Groups);
        Assert.Equal(["registry-users-lob1"], verdict.Scopes);
        Assert.True(verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.Groups).Passed);
    }

    [Theory]
    [InlineData(5, 401)]
    [InlineData(0, 403)]
    [InlineData("", 403)]
    public async Task Okta_OtherGroupShapesAreWrappedOrDroppedAsOktaPyDoes(object groups, int status)
    {
        // 5 becomes [5], which is not a string (401); 0 and "" are falsy and become [] (no scopes, 403).
        var token = RsaToken(new Dictionary<string, object> { ["iss"] = "https://acme.okta.com/oauth2/default", ["aud"] = "okta-web", ["groups"] = groups, ["exp"] = In(300) });
        var verdict = await Answer(Test(V124Scopes(), extra: OktaSettings()), Request(token, Mcp, ToolsList));
        Assert.Equal(status, verdict.Status);
    }

    [Fact]
    public async Task Auth0_PlainGroupsWithoutTheNamespacedClaimHaveNoScopes()
    {
        var token = RsaToken(new { iss = "https://acme.us.auth0.com/", aud = "https://registry.acme", nickname = "erin", azp = "spa", groups = new[] { "registry-users-lob1" }, exp = In(300) });
        var verdict = await Answer(Test(V124Scopes(), extra: Auth0Settings()), Request(token, Mcp, ToolsList));
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Access denied to currenttime.tools/list - user has no scopes configured", verdict.Detail);
        Assert.Empty(verdict.Groups!);
        Assert.Contains(verdict.Warnings, w => w.Contains("'groups' claim is ignored") && w.Contains("https://mcp-gateway/groups"));
        Assert.Contains(verdict.Warnings, w => w.Contains("idp_m2m_clients"));
    }

    [Fact]
    public async Task Provider_UnknownAuthProviderAnswers401ForEveryToken()
    {
        var verdict = await Answer(Test(V124Scopes(), extra: ("AUTH_PROVIDER", "github")), Request(Kc("registry-users-lob1"), Mcp, ToolsList));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.Equal(401, verdict.ClientStatus);
        Assert.Equal("{\"error\": \"Authentication required\"}", verdict.ClientBody);
        Assert.Equal(GatewayJwtCheckNames.Provider, verdict.FailedCheck!.Name);
    }
}
