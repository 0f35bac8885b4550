using System.Security.Cryptography;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Tests.RegistryApi;
using McpRegistryAuth.Core.Tests.Reporting;
using Xunit;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

/// <summary>-SigningKeyPath and -InternalJwks: the auth server's ES256 public keys, apart from the IdP's -Jwks.</summary>
public class InternalKeySetLoaderTests
{
    private const string FixtureKid = "es256-A8PedwFrfn2f-a4XIYiIppuD8zNvK-AI47Y4Bp7qSG0";
    private static readonly string KeyPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "signing-keys", "test-only-p256.pem");
    private static readonly HttpClient Client = HttpClientFactory.Create(new HttpClientOptions());

    private static string PublishedJwks()
    {
        using var key = InternalSigningKey.Load(KeyPath);
        return $"{{\"keys\":[{InternalSigningKey.PublicJwk(key)}]}}";
    }

    [Fact]
    public void NeitherGiven_IsNoKeySet() => Assert.Null(InternalKeySetLoader.Load(null, null, Path.GetFullPath, Client, new RecordingReport()));

    [Fact]
    public void SigningKeyPath_GivesTheKeyUnderItsThumbprintKid_AndNamesNoSecret()
    {
        var report = new RecordingReport();
        var keys = InternalKeySetLoader.Load(KeyPath, null, Path.GetFullPath, Client, report)!;
        Assert.Equal(new[] { FixtureKid }, keys.KeyIds);
        Assert.Contains(report.Lines, l => l.Contains(FixtureKid, StringComparison.Ordinal));
        var pem = File.ReadAllText(KeyPath);
        var body = pem.Split('\n')[1];
        Assert.DoesNotContain(report.Lines, l => l.Contains(body, StringComparison.Ordinal));
    }

    [Fact]
    public void InternalJwks_AsJsonTextOrFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("internal-jwks.json", PublishedJwks());
        Assert.Equal(new[] { FixtureKid }, InternalKeySetLoader.Load(null, PublishedJwks(), Path.GetFullPath, Client, new RecordingReport())!.KeyIds);
        Assert.Equal(new[] { FixtureKid }, InternalKeySetLoader.Load(null, file, Path.GetFullPath, Client, new RecordingReport())!.KeyIds);
    }

    [Fact]
    public async Task InternalJwks_AsTheAuthServersUrl()
    {
        await using var server = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 200, PublishedJwks(), ("Cache-Control", "public, max-age=300")));
        var url = server.Url("/.well-known/internal-jwks.json").AbsoluteUri;
        var keys = InternalKeySetLoader.Load(null, url, Path.GetFullPath, Client, new RecordingReport())!;
        Assert.Equal(new[] { FixtureKid }, keys.KeyIds);
        Assert.Equal("/.well-known/internal-jwks.json", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task InternalJwks_UrlThatFailsIsAConnectionErrorNamingTheParameter()
    {
        await using var server = await LoopbackRegistry.StartAsync(c => LoopbackRegistry.Json(c, 404, "{\"detail\":\"Not Found\"}"));
        var refusal = Assert.Throws<CommandFailureException>(() => InternalKeySetLoader.Load(null, server.Url("/.well-known/internal-jwks.json").AbsoluteUri, Path.GetFullPath, Client, new RecordingReport()));
        Assert.Equal("InvalidInternalJwks", refusal.ErrorId);
        Assert.StartsWith("-InternalJwks:", refusal.Message);
    }

    [Fact]
    public void BothGiven_AreAmbiguous()
    {
        var refusal = Assert.Throws<CommandFailureException>(() => InternalKeySetLoader.Load(KeyPath, PublishedJwks(), Path.GetFullPath, Client, new RecordingReport()));
        Assert.Equal("AmbiguousSigningKeys", refusal.ErrorId);
    }

    [Fact]
    public void SigningKeyPath_NotAKeyIsInvalidSigningKeyNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.Write("key.pem", "not a key\n");
        var refusal = Assert.Throws<CommandFailureException>(() => InternalKeySetLoader.Load(file, null, Path.GetFullPath, Client, new RecordingReport()));
        Assert.Equal("InvalidSigningKey", refusal.ErrorId);
        Assert.Contains(file, refusal.Message);
    }

    [Fact]
    public void InternalJwks_BrokenJsonNamesTheParameter()
    {
        var refusal = Assert.Throws<CommandFailureException>(() => InternalKeySetLoader.Load(null, "{\"keyz\":[]}", Path.GetFullPath, Client, new RecordingReport()));
        Assert.Equal("InvalidInternalJwks", refusal.ErrorId);
        Assert.Contains("-InternalJwks", refusal.Message);
        Assert.Contains("internal-jwks.json", refusal.Message);
    }

    [Theory]
    [InlineData("Latest", 200)]
    [InlineData("V132", 200)]
    [InlineData("V130", 401)]
    public async Task Session_VerifiesAnEs256TokenPerRelease(string release, int status)
    {
        using var key = InternalSigningKey.Load(KeyPath);
        var now = DateTimeOffset.UtcNow;
        var token = Sign(new { alg = "ES256", typ = "JWT", kid = FixtureKid },
            new { iss = "mcp-auth-server", aud = "mcp-registry", sub = "alice", exp = now.ToUnixTimeSeconds() + 600, iat = now.ToUnixTimeSeconds(), token_use = "access", token_kind = "user", scope = "registry-read" }, ec: key);
        var settings = new Dictionary<string, string> { ["SECRET_KEY"] = GatewayJwtTestBed.SecretKey, ["AUTH_PROVIDER"] = "keycloak", ["KEYCLOAK_URL"] = "http://127.0.0.1:9", ["KEYCLOAK_CLIENT_ID"] = "web", ["KEYCLOAK_CLIENT_SECRET"] = "x" };
        var report = new RecordingReport();
        using var session = TokenTestSession.Open(new TokenTestOptions { Environment = settings, GatewayRelease = release, SigningKeyPath = KeyPath }, report);
        var verdict = Assert.Single(await session.Test!.EvaluateAsync(new TokenTestRequest { Token = new Secret(token), Uri = new Uri("https://gw.example/api/servers"), At = now }, CancellationToken.None));
        Assert.Equal(status, verdict.Status);
        Assert.True((status == 401) == report.Warnings.Any(l => l.Contains("are not used", StringComparison.Ordinal)), string.Join(" | ", report.Warnings)); // 1.30 says the keys go unused
    }
}
