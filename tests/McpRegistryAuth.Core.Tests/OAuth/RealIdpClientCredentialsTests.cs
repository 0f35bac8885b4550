using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Idp;
using McpRegistryAuth.Core.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.OAuth;

/// <summary>Client credentials through MSAL (WithOidcAuthority over HTTPS with the test CA) against the real oidc-provider.</summary>
public sealed class RealIdpClientCredentialsTests : IClassFixture<OAuthIdp>
{
    private readonly OAuthIdp idp;

    public RealIdpClientCredentialsTests(OAuthIdp idp) => this.idp = idp;

    private static Task<AccessTokenResult> Get(ClientCredentialsRequest request) => OAuthIdp.GetAsync(request);

    private static async Task<CommandFailureException> Refused(ClientCredentialsRequest request) =>
        await Assert.ThrowsAsync<CommandFailureException>(() => Get(request));

    [Fact]
    public async Task SecretBasic_MsalDiscoversAndSendsTheSecretInBasicOnly()
    {
        // MSAL itself sends only client_secret_post; the module moves the credentials into Basic.
        var token = await Get(idp.Request("rs256-client"));
        var (authorization, bodyKeys) = await idp.Server.GetLastTokenRequestAsync();
        Assert.Equal("Basic", authorization);
        Assert.DoesNotContain("client_secret", bodyKeys);
        Assert.DoesNotContain("client_id", bodyKeys);
        Assert.False(token.FromCache);
        Assert.Equal(idp.Server.Issuer, token.Issuer);
        Assert.Equal(["https://registry.test"], token.Audience);
        Assert.Equal(["read"], token.Scopes);
        Assert.Equal("rs256-client", token.ClientId);
        Assert.InRange(token.ExpiresOn, DateTimeOffset.UtcNow.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(11));
        Assert.Equal(TimeSpan.Zero, token.ExpiresOn.Offset);
    }

    [Fact]
    public async Task SecretPost_MsalSendsTheSecretInTheBody()
    {
        var token = await Get(idp.Request("post-client", ClientAuthentication.ClientSecretPost));
        var (authorization, bodyKeys) = await idp.Server.GetLastTokenRequestAsync();
        Assert.Null(authorization);
        Assert.Contains("client_secret", bodyKeys);
        Assert.Equal("post-client", TokenInspector.Inspect(token.Token, DateTimeOffset.UtcNow).ClientId);
    }

    [Fact]
    public async Task PrivateKeyJwt_SignsTheAssertionWithThePemKey()
    {
        using var key = ClientSigningKey.FromPemFile(idp.KeyPath);
        var token = await Get(idp.Request("jwt-client", ClientAuthentication.PrivateKeyJwt, secret: null) with { SigningKey = key });
        Assert.Contains("client_assertion", (await idp.Server.GetLastTokenRequestAsync()).BodyKeys);
        Assert.Equal("jwt-client", TokenInspector.Inspect(token.Token, DateTimeOffset.UtcNow).ClientId);
    }

    [Fact]
    public async Task WrongSecret_IsInvalidClientWithTheFixAndWithoutTheSecret()
    {
        var failure = await Refused(idp.Request("rs256-client", secret: "wrong-secret-value-7f3a"));
        Assert.Equal("TokenClientRejected", failure.ErrorId);
        Assert.Equal(FailureCategory.AuthenticationError, failure.Category);
        Assert.Contains("invalid_client", failure.Message);
        Assert.DoesNotContain("wrong-secret-value-7f3a", failure.Message + failure.Fix + failure.Target);
    }

    [Fact]
    public async Task WrongSecret_AfterACachedSuccessIsStillRefused()
    {
        var request = idp.Request("rs256-client");
        await Get(request);
        var failure = await Refused(request with { ClientSecret = new Secret("rotated-away-secret") });
        Assert.Equal("TokenClientRejected", failure.ErrorId);
    }

    [Fact]
    public async Task ScopeNotAllowed_IsInvalidScopeExplained()
    {
        var failure = await Refused(idp.Request("rs256-client") with { Scopes = ["admin"] });
        Assert.Equal("TokenScopeNotAllowed", failure.ErrorId);
        Assert.Contains("invalid_scope", failure.Message);
        Assert.Equal("admin", failure.Target);
    }

    [Fact]
    public async Task ResourceIndicator_SetsTheTokensAudience()
    {
        var token = await Get(idp.Request("rs256-client") with { Audience = "https://mcp.example.test/registry" });
        Assert.Equal(["https://mcp.example.test/registry"], token.Audience);
    }

    [Fact]
    public async Task TwoAudiences_OfOneClientAreCachedApart()
    {
        var request = idp.Request("rs256-client");
        var first = await Get(request with { Audience = "https://a.example.test" });
        var second = await Get(request with { Audience = "https://b.example.test" });
        var again = await Get(request with { Audience = "https://a.example.test" });
        Assert.Equal(["https://b.example.test"], second.Audience);
        Assert.True(again.FromCache);
        Assert.Equal(first.Token, again.Token);
    }

    [Fact]
    public async Task CachedCall_SendsNoRequestToTheIdp()
    {
        var request = idp.Request("rs256-client");
        var first = await Get(request);
        var before = await idp.Server.GetRequestCountsAsync();
        var second = await Get(request);
        var after = await idp.Server.GetRequestCountsAsync();
        Assert.True(second.FromCache);
        Assert.Equal(first.Token, second.Token);
        Assert.Equal(before, after);
        Assert.True(File.Exists(request.CachePath));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(request.CachePath!));
        Assert.DoesNotContain(IdpServer.ClientSecret, File.ReadAllText(request.CachePath!));
    }

    [Fact]
    public async Task CachedCall_IsAnsweredWhileAWriterHoldsTheLock()
    {
        // A hit reads the file once without the lock (writers replace it by rename); a miss still waits for it.
        var request = idp.Request("rs256-client");
        var first = await Get(request);
        using (Core.Files.FileLock.Acquire(request.CachePath!, TimeSpan.FromSeconds(5)))
        {
            // The lock is waited for as long as the request's time-out.
            var waiting = request with { Timeout = TimeSpan.FromSeconds(2) };
            var before = await idp.Server.GetRequestCountsAsync();
            var hit = await Get(waiting);
            Assert.True(hit.FromCache);
            Assert.Equal(first.Token, hit.Token);
            Assert.Equal("FileLocked", (await Assert.ThrowsAsync<Core.Files.FileEditException>(() => Get(waiting with { Scopes = ["write"] }))).ErrorId);
            Assert.Equal("FileLocked", (await Assert.ThrowsAsync<Core.Files.FileEditException>(() => Get(waiting with { ForceRefresh = true }))).ErrorId);
            Assert.Equal(before, await idp.Server.GetRequestCountsAsync());
        }

        Assert.True((await Get(request with { Scopes = ["write"] })).Scopes.SequenceEqual(["write"]));
    }

    [Fact]
    public async Task ForceRefresh_AsksTheIdpAgain()
    {
        var request = idp.Request("rs256-client");
        var first = await Get(request);
        var forced = await Get(request with { ForceRefresh = true });
        Assert.False(forced.FromCache);
        Assert.NotEqual(first.Token, forced.Token);
        Assert.Equal(forced.Token, (await Get(request)).Token);
    }

    [Fact]
    public async Task RefreshMargin_RenewsACachedTokenCloseToItsExpiry()
    {
        // The fixture's tokens live 600 s: with a 605 s margin every cached token is due, with 60 s none is.
        var request = idp.Request("rs256-client") with { RefreshMargin = TimeSpan.FromSeconds(605) };
        var first = await Get(request);
        var second = await Get(request);
        Assert.False(second.FromCache);
        Assert.NotEqual(first.Token, second.Token);
        Assert.True((await Get(request with { RefreshMargin = TimeSpan.FromSeconds(60) })).FromCache);
    }

    [Fact]
    public async Task NoCache_WritesNothing()
    {
        var request = idp.Request("rs256-client");
        await Get(request with { CachePath = null });
        Assert.False(File.Exists(request.CachePath));
    }

    [Fact]
    public async Task IdpDown_IsUnreachableWithTheFix()
    {
        var failure = await Refused(idp.Request("rs256-client") with { Authority = new Uri($"https://127.0.0.1:{ClosedPort()}") });
        Assert.Equal("IdpUnreachable", failure.ErrorId);
        Assert.Equal(FailureCategory.ConnectionError, failure.Category);
    }

    [Fact]
    public async Task IdpSlow_TimesOutAtTimeoutSec()
    {
        var request = idp.Request("rs256-client") with { Timeout = TimeSpan.FromSeconds(2) };
        await Get(request with { CachePath = null, Scopes = ["write"] }); // discovery now cached by MSAL for the process
        await idp.Server.SetTokenDelayAsync(6000);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var failure = await Refused(request);
            Assert.Equal("IdpTimeout", failure.ErrorId);
            Assert.Equal(FailureCategory.OperationTimeout, failure.Category);
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5.5));
        }
        finally
        {
            await idp.Server.SetTokenDelayAsync(0);
        }
    }

    [Fact]
    public async Task UntrustedCertificate_AsksForCaCertPath()
    {
        var failure = await Refused(idp.Request("rs256-client") with { Trust = McpRegistryAuth.Core.Http.TrustRoots.System });
        Assert.Equal("IdpCertificateUntrusted", failure.ErrorId);
        Assert.Contains("-CaCertPath", failure.Fix);
    }

    [Fact]
    public async Task KeyRotation_CachedTokenKeepsTheOldKidUntilForceRefresh()
    {
        var request = idp.Request("rs256-client") with { Scopes = ["write"] };
        var before = TokenInspector.Inspect((await Get(request)).Token, DateTimeOffset.UtcNow).KeyId;
        await idp.Server.RotateKeysAsync();
        var cached = await Get(request);
        var renewed = await Get(request with { ForceRefresh = true });
        Assert.True(cached.FromCache);
        Assert.Equal(before, TokenInspector.Inspect(cached.Token, DateTimeOffset.UtcNow).KeyId);
        var after = TokenInspector.Inspect(renewed.Token, DateTimeOffset.UtcNow).KeyId;
        Assert.NotEqual(before, after);
        Assert.StartsWith("rsa-", after);
    }

    [Fact]
    public async Task TokenEndpoint_WithoutDiscoveryOrScope()
    {
        var request = idp.Request("rs256-client") with { Authority = null, TokenEndpoint = new Uri(idp.Server.BaseUrl + "/token"), Scopes = [] };
        var before = await idp.Server.GetRequestCountsAsync();
        var token = await Get(request);
        var after = await idp.Server.GetRequestCountsAsync();
        Assert.Equal("rs256-client", TokenInspector.Inspect(token.Token, DateTimeOffset.UtcNow).ClientId);
        Assert.Equal(before.GetValueOrDefault("/.well-known/openid-configuration"), after.GetValueOrDefault("/.well-known/openid-configuration"));
        Assert.True((await Get(request)).FromCache);
    }

    [Fact]
    public async Task EightConcurrentCallers_ShareOneConsistentCacheAndOneRequest()
    {
        var request = idp.Request("rs256-client") with { Audience = "https://concurrent.example.test" };
        var before = (await idp.Server.GetRequestCountsAsync()).GetValueOrDefault("/token");
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Get(request))));
        var after = (await idp.Server.GetRequestCountsAsync()).GetValueOrDefault("/token");
        Assert.Single(tokens.Select(t => t.Token).Distinct());
        Assert.Equal(7, tokens.Count(t => t.FromCache));
        Assert.Equal(before + 1, after);
        var document = TokenCacheDocument.Parse(File.ReadAllBytes(request.CachePath!));
        Assert.False(document.WasUnreadable);
        Assert.Single(document.Entries);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
