using McpRegistryAuth.Core.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>Discovery and RFC 7662 introspection against the real test IdP.</summary>
public class RealIdpDiscoveryAndIntrospectionTests : IClassFixture<KeycloakShapedIdp>
{
    private readonly KeycloakShapedIdp idp;

    public RealIdpDiscoveryAndIntrospectionTests(KeycloakShapedIdp idp) => this.idp = idp;

    private Uri Introspection => new(idp.Server.BaseUrl + KeycloakShapedIdp.TokenPath + "/introspect");

    [Fact]
    public async Task RealIdp_DiscoveryDocumentNamesJwksAndIntrospection()
    {
        var client = new DiscoveryClient(idp.Server.Client, noCache: true);
        var (document, error) = await client.GetAsync(new Uri(idp.Server.BaseUrl + "/.well-known/openid-configuration"), CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(idp.Server.Issuer, document!.Issuer);
        Assert.EndsWith("/protocol/openid-connect/certs", document.JwksUri);
        Assert.EndsWith("/token/introspect", document.IntrospectionEndpoint);
    }

    [Fact]
    public async Task RealIdp_DiscoveryAtAMissingPathIs404()
    {
        var client = new DiscoveryClient(idp.Server.Client, noCache: true);
        var (document, error) = await client.GetAsync(new Uri(DiscoveryDocument.ToolHiveUrlFor(idp.Server.BaseUrl + "/realms/other/")), CancellationToken.None);
        Assert.Null(document);
        Assert.Contains("returned status 404", error);
    }

    [Fact]
    public async Task RealIdp_OpaqueTokenIsActiveOnIntrospectionWithoutAudience()
    {
        var token = await idp.Server.GetAccessTokenAsync("opaque-client", tokenPath: KeycloakShapedIdp.TokenPath);
        Assert.Equal(TokenKind.Opaque, TokenInspector.Inspect(new Secret(token), DateTimeOffset.UtcNow).Kind);
        var answer = await IntrospectionClient.IntrospectAsync(idp.Server.Client, Introspection, new Secret(token), "registry", new Secret(IdpServer.ClientSecret), CancellationToken.None);
        Assert.Null(answer.Error);
        Assert.True(answer.Active);
        Assert.Equal("opaque-client", answer.Members.GetString("client_id"));
        Assert.Equal(idp.Server.Issuer, answer.Members.GetString("iss"));
        Assert.False(answer.Members.Contains("aud")); // ToolHive would then say "invalid audience"
    }

    [Fact]
    public async Task RealIdp_UnknownTokenIsInactive()
    {
        var answer = await IntrospectionClient.IntrospectAsync(idp.Server.Client, Introspection, new Secret("not-a-token-the-idp-issued"), "registry", new Secret(IdpServer.ClientSecret), CancellationToken.None);
        Assert.Null(answer.Error);
        Assert.False(answer.Active);
    }

    [Fact]
    public async Task RealIdp_IntrospectionWithWrongSecretIsUnauthorized()
    {
        var token = await idp.Server.GetAccessTokenAsync("opaque-client", tokenPath: KeycloakShapedIdp.TokenPath);
        var answer = await IntrospectionClient.IntrospectAsync(idp.Server.Client, Introspection, new Secret(token), "registry", new Secret("wrong-secret"), CancellationToken.None);
        Assert.Equal("introspection unauthorized", answer.Error);
        Assert.DoesNotContain("wrong-secret", answer.Error);
    }
}
