using McpRegistryAuth.Core.Gateway;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Release 1.24: static-token near-misses reach the JWT stage, whose 401 detail carries the provider's message.</summary>
public class V124ValidationDetailTests
{
    private const string Api = "https://gw.example.com/api/servers/";

    private static Task<Verdict> Send(GatewayRelease release, string authorization, params (string Name, string Value)[] extra) =>
        Answer(Test(V124Scopes(), release, extra), Request(null, Api, null, ("Authorization", authorization)));

    [Theory]
    [InlineData("Bearer   not-the-token-0123456789abcdefghijklmn")]
    [InlineData("Bearer not-the-token-0123456789abcdefghijklmn")]
    [InlineData("Bearer " + LegacyToken + "x")]
    public async Task V124_NearMissesAnswerWithPyJwtsMessage(string authorization)
    {
        var verdict = await Send(GatewayRelease.V124, authorization);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed: Invalid token: Not enough segments", verdict.Detail);
        Assert.Equal("{\"detail\":\"Token validation failed: Invalid token: Not enough segments\"}", verdict.Body);
        Assert.Equal(401, verdict.ClientStatus);
        Assert.Equal(NginxLocation.DefaultUnauthorizedHtml, verdict.ClientBody);

        Assert.Equal("Token validation failed", (await Send(GatewayRelease.Latest, authorization)).Detail);
    }

    [Fact]
    public async Task V124_TheStaticTokenWithExtraSpacesStillMatches()
    {
        var verdict = await Send(GatewayRelease.V124, "Bearer   " + LegacyToken);
        Assert.Equal(200, verdict.Status);
        Assert.Equal("StaticToken:legacy", verdict.AcceptedBy);
    }

    [Fact]
    public async Task V124_TheProviderFactorysMessageFollowsTheDetail()
    {
        Assert.Equal("Token validation failed: Unknown auth provider: github", (await Send(GatewayRelease.V124, "Bearer " + Kc(), ("AUTH_PROVIDER", "github"))).Detail);
        Assert.Equal("Token validation failed: Missing required Keycloak configuration: KEYCLOAK_CLIENT_ID, KEYCLOAK_CLIENT_SECRET. Please set these environment variables.",
            (await Send(GatewayRelease.V124, "Bearer " + Kc(), ("KEYCLOAK_CLIENT_ID", ""), ("KEYCLOAK_CLIENT_SECRET", ""))).Detail);
    }

    [Fact]
    public async Task V124_CognitoWithAnotherIssuersToken_PyJwtsIssuerMessage()
    {
        var verdict = await Send(GatewayRelease.V124, "Bearer " + Kc(), ("AUTH_PROVIDER", "cognito"), ("COGNITO_USER_POOL_ID", "us-east-1_AbC"), ("COGNITO_CLIENT_ID", "webclient"), ("COGNITO_CLIENT_SECRET", "x"));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed: Invalid token: Invalid issuer", verdict.Detail);
    }
}
