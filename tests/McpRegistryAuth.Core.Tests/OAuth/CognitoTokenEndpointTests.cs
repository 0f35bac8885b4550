using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Idp;
using McpRegistryAuth.Core.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.OAuth;

/// <summary>Cognito's token endpoint (the fixture's /oauth2/token on the user-pool domain) over the plain RFC 6749 path.</summary>
public sealed class CognitoTokenEndpointTests : IClassFixture<OAuthIdp>
{
    private readonly OAuthIdp idp;

    public CognitoTokenEndpointTests(OAuthIdp idp) => this.idp = idp;

    private ClientCredentialsRequest Cognito(ClientAuthentication authentication = ClientAuthentication.ClientSecretBasic) =>
        idp.Request("cognito-client", authentication) with { Provider = OAuthProvider.Cognito, Scopes = ["registry/read"] };

    private static Task<AccessTokenResult> Get(ClientCredentialsRequest request) => OAuthIdp.GetAsync(request);

    [Fact]
    public async Task Basic_SendsCredentialsOnlyInTheHeader()
    {
        var token = await Get(Cognito());
        var (authorization, bodyKeys) = await idp.Server.GetLastTokenRequestAsync();
        Assert.Equal("Basic", authorization);
        Assert.Equal(["grant_type", "scope"], bodyKeys);
        var claims = TokenInspector.Inspect(token.Token, DateTimeOffset.UtcNow);
        Assert.Equal("access", claims.TokenUse);
        Assert.Empty(token.Audience);
        Assert.Equal(["registry/read"], token.Scopes);
        Assert.Equal(OAuthProvider.Cognito, token.Provider);
    }

    [Fact]
    public async Task Post_SendsCredentialsInTheBody()
    {
        await Get(Cognito(ClientAuthentication.ClientSecretPost));
        var (authorization, bodyKeys) = await idp.Server.GetLastTokenRequestAsync();
        Assert.Null(authorization);
        Assert.Contains("client_secret", bodyKeys);
    }

    [Fact]
    public async Task AudienceIsNotSent_CognitoHasNoAudienceParameter()
    {
        await Get(Cognito() with { Audience = "https://registry.test" });
        Assert.DoesNotContain("resource", (await idp.Server.GetLastTokenRequestAsync()).BodyKeys);
    }

    [Fact]
    public async Task ScopeOfNoResourceServer_IsInvalidScopeWithCognitosFix()
    {
        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => Get(Cognito() with { Scopes = ["openid"] }));
        Assert.Equal("TokenScopeNotAllowed", failure.ErrorId);
        Assert.Contains("resource server", failure.Fix);
    }

    [Fact]
    public async Task WrongSecret_IsInvalidClient()
    {
        var failure = await Assert.ThrowsAsync<CommandFailureException>(() => Get(Cognito() with { ClientSecret = new Secret("not-the-secret") }));
        Assert.Equal("TokenClientRejected", failure.ErrorId);
    }

    [Fact]
    public async Task SecondCall_ComesFromTheCacheWithoutARequest()
    {
        var request = Cognito();
        var first = await Get(request);
        var before = await idp.Server.GetRequestCountsAsync();
        var second = await Get(request);
        Assert.True(second.FromCache);
        Assert.Equal(first.Token, second.Token);
        Assert.Equal(before, await idp.Server.GetRequestCountsAsync());
    }

    [Fact]
    public void IssuerInsteadOfDomain_IsRefusedWithTheFix()
    {
        var failure = Assert.Throws<CommandFailureException>(() => ProviderRules.CognitoTokenEndpoint(new Uri("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc")));
        Assert.Equal("CognitoDomainRequired", failure.ErrorId);
    }
}
