using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>ToolHive verdicts for real tokens: discovery over TLS, ES256 accepted, opaque tokens introspected.</summary>
public sealed class PlainIdp : IAsyncLifetime
{
    public IdpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await IdpServer.StartAsync(audience: "https://registry.test");

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public class RealIdpToolHiveTests : IClassFixture<PlainIdp>
{
    private readonly PlainIdp idp;

    public RealIdpToolHiveTests(PlainIdp idp) => this.idp = idp;

    private ToolHiveTokenValidator Validator(HttpClient? client = null) =>
        new(new HttpKeySetSource(client ?? idp.Server.Client, noCache: true), new DiscoveryClient(client ?? idp.Server.Client, noCache: true), client ?? idp.Server.Client);

    private ToolHiveTokenProvider Provider(string audience = "https://registry.test", bool introspection = false, bool withCredentials = true) => new()
    {
        Name = "test-idp",
        IssuerUrl = idp.Server.Issuer,
        Audience = audience,
        IntrospectionUrl = introspection ? idp.Server.BaseUrl + "/token/introspection" : null,
        ClientId = withCredentials ? "registry" : null,
        ClientSecret = withCredentials ? new Secret(IdpServer.ClientSecret) : null,
    };

    [Fact]
    public async Task RealIdp_ToolHiveDiscoversJwksAndAcceptsEs256()
    {
        var token = await idp.Server.GetAccessTokenAsync("es256-client");
        var outcome = await Validator().ValidateAsync(Provider(), new Secret(token), DateTimeOffset.UtcNow);
        Assert.True(outcome.Accepted, string.Join("\n", outcome.Checks));
        Assert.Contains(outcome.Checks, c => c.Name == "ToolHive.Jwt.Discovery" && c.Passed);
    }

    [Fact]
    public async Task RealIdp_ToolHiveRejectsAnotherAudience()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client", resource: "https://other-api.test");
        var outcome = await Validator().ValidateAsync(Provider(), new Secret(token), DateTimeOffset.UtcNow);
        Assert.Equal("invalid audience", outcome.Error);
    }

    [Fact]
    public async Task RealIdp_ToolHiveReplaysLastNightsTokenWithAt()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var outcome = await Validator().ValidateAsync(Provider(), new Secret(token), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal("failed to parse token: token has invalid claims: token is expired", outcome.Error);
    }

    [Fact]
    public async Task RealIdp_ToolHiveIntrospectsOpaqueTokenAndNeedsAudienceThere()
    {
        var token = await idp.Server.GetAccessTokenAsync("opaque-client");
        var outcome = await Validator().ValidateAsync(Provider(introspection: true), new Secret(token), DateTimeOffset.UtcNow);
        Assert.True(outcome.Introspected);
        Assert.Equal("failed to introspect opaque token: invalid audience", outcome.Error);
        Assert.Contains(outcome.Hints, h => h.Contains("dropped: client_id"));
        Assert.Contains(outcome.Hints, h => h.Contains("introspection answer has no aud"));
    }

    [Fact]
    public async Task RealIdp_ToolHiveIntrospectionWithoutCredentialsIsUnauthorized()
    {
        var token = await idp.Server.GetAccessTokenAsync("opaque-client");
        var outcome = await Validator().ValidateAsync(Provider(introspection: true, withCredentials: false), new Secret(token), DateTimeOffset.UtcNow);
        Assert.StartsWith("failed to introspect opaque token: rfc7662 introspection failed:", outcome.Error);
        Assert.Contains(outcome.Hints, h => h.Contains("default HTTP client"));
    }

    [Fact]
    public async Task RealIdp_ToolHiveWithSystemRootsFailsDiscoveryOnTls()
    {
        using var systemRoots = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var outcome = await Validator(systemRoots).ValidateAsync(Provider(), new Secret(token), DateTimeOffset.UtcNow);
        Assert.StartsWith("OIDC discovery failed: failed to discover OIDC configuration:", outcome.Error);
        Assert.Contains("TLS", outcome.Error);
    }
}
