using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tokens;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

/// <summary>Minted test tokens carry generate_user_token's claims and pass the release's own verifier.</summary>
public class SelfSignedTokenMinterTests
{
    private const string FixtureKid = "es256-A8PedwFrfn2f-a4XIYiIppuD8zNvK-AI47Y4Bp7qSG0";
    private static readonly string KeyPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "signing-keys", "test-only-p256.pem");

    private static SelfSignedTokenRequest Request(string algorithm = "ES256") => new()
    {
        Algorithm = algorithm, SigningKeyPath = KeyPath, SecretKey = new Secret(SecretKey), Subject = "alice", Groups = ["ops"], Scopes = ["registry-read", "servers-write"], IssuedAt = At,
    };

    private static Dictionary<string, string> Env() => Keycloak(("SECRET_KEY", SecretKey), ("INTERNAL_SIGNING_KEY_PATH", KeyPath));

    [Fact]
    public async Task Es256_TokenHasTheThumbprintKidAndPassesThe132Verifier()
    {
        var minted = SelfSignedTokenMinter.Mint(Request());
        Assert.Equal(FixtureKid, minted.KeyId);
        var parts = PyJwtParse.Of(minted.Token.Reveal()).Parts!;
        Assert.Equal("ES256", parts.Header.GetString("alg"));
        Assert.Equal(FixtureKid, parts.Header.GetString("kid"));
        Assert.Equal("access", parts.Claims.GetString("token_use"));
        Assert.Equal("user", parts.Claims.GetString("token_kind"));
        Assert.Equal("alice", parts.Claims.GetString("preferred_username"));
        Assert.Equal(At.AddHours(8), minted.ExpiresAt);

        var verdict = await Evaluate(Bearer(minted.Token.Reveal()), Env(), release: GatewayRelease.V132, internalKeys: InternalSigningKey.KeySetOf(KeyPath, At));
        Assert.Equal(200, verdict.Status);
        Assert.Equal(new[] { "registry-read", "servers-write" }, verdict.Scopes);
        Assert.Equal(new[] { "ops" }, verdict.Groups);
    }

    [Fact]
    public async Task Hs256_TokenHasNoKidAndPassesThe130Verifier()
    {
        var minted = SelfSignedTokenMinter.Mint(Request("HS256"));
        Assert.Null(minted.KeyId);
        Assert.False(PyJwtParse.Of(minted.Token.Reveal()).Parts!.Header.Contains("kid"));
        Assert.Equal(200, (await Evaluate(Bearer(minted.Token.Reveal()), Env(), release: GatewayRelease.V130)).Status);
        Assert.Equal(200, (await Evaluate(Bearer(minted.Token.Reveal()), Env(), release: GatewayRelease.V132)).Status);
    }

    [Fact]
    public void Hs256_ShortSecretKeyIsRefusedWithoutShowingIt()
    {
        var refusal = Assert.Throws<CommandFailureException>(() => SelfSignedTokenMinter.Mint(Request("HS256") with { SecretKey = new Secret("too-short-secret") }));
        Assert.Equal("InvalidSecretKey", refusal.ErrorId);
        Assert.DoesNotContain("too-short-secret", refusal.Message + refusal.Target);
    }

    [Fact]
    public void Es256_WithoutAKeyFileNamesTheParameters()
    {
        var refusal = Assert.Throws<CommandFailureException>(() => SelfSignedTokenMinter.Mint(Request() with { SigningKeyPath = null }));
        Assert.Equal("SigningKeyRequired", refusal.ErrorId);
        Assert.Contains("-SigningKeyPath", refusal.Message);
    }

    [Fact]
    public void Es256_APublicKeyCannotSign()
    {
        using var temp = new TempDirectory();
        using var key = InternalSigningKey.Load(KeyPath);
        var refusal = Assert.Throws<CommandFailureException>(() => SelfSignedTokenMinter.Mint(Request() with { SigningKeyPath = temp.Write("pub.pem", key.ExportSubjectPublicKeyInfoPem()) }));
        Assert.Equal("InvalidSigningKey", refusal.ErrorId);
        Assert.Contains("private key", refusal.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(169)]
    public void Lifetime_OutsideWhatTheGatewayIssuesIsRefused(int hours)
    {
        var refusal = Assert.Throws<CommandFailureException>(() => SelfSignedTokenMinter.Mint(Request() with { Lifetime = TimeSpan.FromHours(hours) }));
        Assert.Equal("InvalidLifetime", refusal.ErrorId);
    }

    [Fact]
    public void GenerateKey_WritesA0600P256FileAndNeverOverwritesSilently()
    {
        using var temp = new TempDirectory();
        var path = temp.File("key.pem");
        var kid = SigningKeyFile.Write(path, force: false);
        using (var key = InternalSigningKey.Load(path)) Assert.Equal(kid, InternalSigningKey.KeyIdOf(key));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        var before = File.ReadAllText(path);
        var refusal = Assert.Throws<CommandFailureException>(() => SigningKeyFile.Write(path, force: false));
        Assert.Equal("SigningKeyExists", refusal.ErrorId);
        Assert.Equal(before, File.ReadAllText(path));

        Assert.NotEqual(kid, SigningKeyFile.Write(path, force: true));
        Assert.Equal("SigningKeyPathRequired", Assert.Throws<CommandFailureException>(() => SigningKeyFile.Write(null, force: false)).ErrorId);
    }
}
