using McpRegistryAuth.Core.Gateway.Jwt;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

public class GatewayJwtHeaderTests
{
    private static string UserToken(int expIn = 600) =>
        SelfSigned(new { iss = "mcp-auth-server", aud = "mcp-registry", sub = "alice", exp = In(expIn), iat = In(-10), token_use = "access", token_kind = "user", scope = "a b" });

    private static Dictionary<string, string> SelfSignedEnv() => Keycloak(("SECRET_KEY", SecretKey));

    [Fact]
    public async Task Jwt_XAuthorizationBeatsAuthorization()
    {
        var request = Headers("https://gw/mcpgw/mcp", ("Authorization", "Bearer not-a-jwt"), ("X-Authorization", "Bearer " + UserToken()));
        var verdict = await Evaluate(request, SelfSignedEnv());
        Assert.Equal(200, verdict.Status);
        Assert.Equal("X-Authorization", verdict.Checks.Single(c => c.Name == "Gateway.Jwt.CredentialHeader").Observed);
    }

    [Fact]
    public async Task Jwt_HeaderNamesAreCaseInsensitive()
    {
        var verdict = await Evaluate(Headers("https://gw/mcpgw/mcp", ("x-authorization", "Bearer " + UserToken())), SelfSignedEnv());
        Assert.Equal(200, verdict.Status);
    }

    [Fact]
    public async Task Jwt_AgentPathReadsOnlyXAuthorization()
    {
        var verdict = await Evaluate(Bearer(UserToken(), "https://gw/agent/travel/booking"), SelfSignedEnv());
        Assert.Equal(401, verdict.Status);
        Assert.Equal(GatewayJwtTexts.MissingBearer, verdict.Detail);
        Assert.Contains(verdict.Hints, h => h.Contains("only X-Authorization"));
    }

    [Fact]
    public async Task Jwt_AgentPathDuplicateCredentialIs401()
    {
        var token = UserToken();
        var verdict = await Evaluate(Headers("https://gw/agent/travel", ("X-Authorization", "Bearer " + token), ("Authorization", "bearer  " + token)), SelfSignedEnv());
        Assert.Equal(401, verdict.Status);
        Assert.Equal(GatewayJwtTexts.DuplicateCredential, verdict.Detail);
    }

    [Fact]
    public async Task Jwt_AgentPathWithEmptySegmentIsNotAnAgentPath()
    {
        Assert.False(JwtCredentialHeader.IsAgentRequestPath("/agent//x", ""));
        Assert.True(JwtCredentialHeader.IsAgentRequestPath("/registry/agent/a/b", "/registry"));
        Assert.False(JwtCredentialHeader.IsAgentRequestPath("/agent/", ""));
        Assert.True(JwtCredentialHeader.IsAgentRequestPath("/agent/a/.well-known/agent-card.json", ""));
        var verdict = await Evaluate(Bearer(UserToken(), "https://gw/agent//x"), SelfSignedEnv());
        Assert.Equal(200, verdict.Status);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer\t")]
    [InlineData("Basic ")]
    [InlineData("")]
    public async Task Jwt_BearerPrefixIsCaseSensitiveWithOneSpace(string scheme)
    {
        var verdict = await Evaluate(Headers("https://gw/mcpgw/mcp", ("Authorization", scheme + UserToken())), SelfSignedEnv());
        Assert.Equal(401, verdict.Status);
        Assert.Equal(GatewayJwtTexts.MissingBearer, verdict.Detail);
        Assert.Equal("Bearer", verdict.WwwAuthenticate);
    }

    [Fact]
    public async Task Jwt_NoHeaderIsMissingBearer()
    {
        var verdict = await Evaluate(Headers("https://gw/mcpgw/mcp"), SelfSignedEnv());
        Assert.Equal(GatewayJwtTexts.MissingBearer, verdict.Detail);
    }

    [Fact]
    public async Task Jwt_SingleSpaceSplitTwoSpacesYieldEmptyToken()
    {
        var verdict = await Evaluate(Headers("https://gw/mcpgw/mcp", ("Authorization", "Bearer  " + UserToken())), SelfSignedEnv());
        Assert.Equal(401, verdict.Status);
        Assert.Equal(GatewayJwtTexts.ValidationFailed, verdict.Detail);
        Assert.False(verdict.Checks.Single(c => c.Name == "Gateway.Jwt.BearerSplit").Passed);
        Assert.Contains(verdict.Hints, h => h.Contains("two spaces"));
    }

    [Fact]
    public async Task Jwt_SingleSpaceSplitDropsTextAfterSecondSpace()
    {
        var verdict = await Evaluate(Headers("https://gw/mcpgw/mcp", ("Authorization", "Bearer " + UserToken() + " trailing")), SelfSignedEnv());
        Assert.Equal(200, verdict.Status);
        Assert.Contains(verdict.Warnings, w => w.Contains("second space"));
    }

    [Fact]
    public async Task Jwt_ClientSees401JsonOnMcpPathsAndNginxPageOnApi()
    {
        var mcp = await Evaluate(Bearer("garbage"), SelfSignedEnv());
        Assert.Equal(401, mcp.ClientStatus);
        Assert.Equal("{\"error\": \"Authentication required\"}", mcp.ClientBody);
        var api = await Evaluate(Bearer("garbage", "https://gw/api/servers"), SelfSignedEnv());
        Assert.Equal(401, api.ClientStatus);
        Assert.StartsWith("<html>", api.ClientBody); // the generic /api/ block has no error_page 401
        Assert.Equal("{\"detail\":\"Token validation failed\"}", api.Body);
    }

    [Fact]
    public async Task Jwt_SessionCookieIsWarnedNotEvaluated()
    {
        var verdict = await Evaluate(Headers("https://gw/mcpgw/mcp", ("Authorization", "Bearer " + UserToken()), ("Cookie", "a=1; mcp_gateway_session=xyz")), SelfSignedEnv());
        Assert.Contains(verdict.Warnings, w => w.Contains("Session"));
    }

    [Fact]
    public async Task Jwt_NoCheckOrMessageContainsTheToken()
    {
        var token = UserToken(-3600);
        var verdict = await Evaluate(Bearer(token), SelfSignedEnv());
        var text = string.Join("\n", verdict.Checks.Select(c => c.ToString()).Concat(verdict.Hints).Concat(verdict.Warnings));
        foreach (var segment in token.Split('.')) Assert.DoesNotContain(segment, text);
    }
}
