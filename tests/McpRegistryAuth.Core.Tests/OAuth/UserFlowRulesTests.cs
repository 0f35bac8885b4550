using McpRegistryAuth.Core.OAuth;
using Xunit;

namespace McpRegistryAuth.Core.Tests.OAuth;

public sealed class UserFlowRulesTests
{
    [Fact]
    public void Pkce_S256Challenge_IsRfc7636AppendixB()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    [Fact]
    public void Pkce_ValuesAreFreshAndOfRfcLength()
    {
        var one = Pkce.Create();
        var two = Pkce.Create();
        Assert.Equal(43, one.Verifier.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", one.Verifier.Reveal());
        Assert.NotEqual(one.Verifier, two.Verifier);
        Assert.NotEqual(one.State, two.State);
        Assert.NotEqual(one.Nonce, two.Nonce);
        Assert.Equal(Pkce.ChallengeOf(one.Verifier.Reveal()), one.Challenge);
    }

    [Theory]
    [InlineData(OAuthProvider.Oidc, "openid read offline_access")]
    [InlineData(OAuthProvider.Okta, "openid read offline_access")]
    [InlineData(OAuthProvider.Auth0, "openid read offline_access")]
    [InlineData(OAuthProvider.Entra, "openid read offline_access")]
    [InlineData(OAuthProvider.Keycloak, "openid read")]
    [InlineData(OAuthProvider.Cognito, "openid read")]
    public void UserFlowScopes_AddOpenIdAndOfflineAccessWhereTheProviderNeedsIt(OAuthProvider provider, string expected)
    {
        Assert.Equal(expected, string.Join(' ', ProviderRules.UserFlowScopes(provider, ["read"])));
        Assert.Equal(expected, string.Join(' ', ProviderRules.UserFlowScopes(provider, expected.Split(' '))));
    }

    [Fact]
    public void CacheDocument_KeepsTheRefreshTokenBesideTheAccessToken()
    {
        var document = TokenCacheDocument.Parse(null);
        var entry = new TokenCacheEntry { Key = "User k", Provider = "Oidc", ClientId = "c", Authority = "https://idp/", Flow = "DeviceCode" };
        var expires = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000);
        document.SetToken(entry, new CachedToken(new Secret("access"), "Bearer", expires, "read", new Secret("refresh")));

        var read = TokenCacheDocument.Parse(document.ToBytes());
        var token = read.GetToken("User k");
        Assert.Equal(new Secret("refresh"), token!.RefreshToken);
        Assert.Equal("DeviceCode", Assert.Single(read.Entries).Flow);

        read.SetToken(entry, token with { RefreshToken = null });
        Assert.Null(TokenCacheDocument.Parse(read.ToBytes()).GetToken("User k")!.RefreshToken);
    }

    [Fact]
    public void FlowOf_ExplicitWinsOverTheProfile_ClientCredentialsByDefault()
    {
        var profile = new McpProfile { Name = "me", Flow = TokenFlow.DeviceCode };
        Assert.Equal(TokenFlow.DeviceCode, TokenAcquisition.FlowOf(new TokenParameters(), profile));
        Assert.Equal(TokenFlow.AuthorizationCode, TokenAcquisition.FlowOf(new TokenParameters { Flow = "AuthorizationCode" }, profile));
        Assert.Equal(TokenFlow.ClientCredentials, TokenAcquisition.FlowOf(new TokenParameters(), null));
    }
}
