using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Settings;
using McpRegistryAuth.Core.Tokens;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Release 1.30 runs validate_secret_key(SECRET_KEY) at import: a refused key means the auth server does not start.</summary>
public class StartupRefusalTests
{
    private const string Remediation = "Set it to a random value at least 32 characters long, identical across all auth_server and registry replicas (see chart values.yaml: global.secretKey).";

    // The shape of the shipped .env.example: static tokens on, a token, and SECRET_KEY left empty.
    private static string EnvText(string secretKeyLine) =>
        $"AUTH_PROVIDER=keycloak\nREGISTRY_STATIC_TOKEN_AUTH_ENABLED=true\nREGISTRY_API_TOKEN={LegacyToken}\n{secretKeyLine}\n";

    private static StaticTokenConfig FromEnv(string text, GatewayRelease release = GatewayRelease.V130) =>
        StaticTokenConfig.FromSettings(ServerSettings.From(DotEnvFile.Parse(text, "/srv/gateway/.env")), release);

    [Theory]
    [InlineData("SECRET_KEY=", "GW008", "SECRET_KEY environment variable is required. ")]
    [InlineData("# SECRET_KEY not written at all", "GW008", "SECRET_KEY environment variable is required. ")]
    [InlineData("SECRET_KEY=change-this-immediately-use-a-strong-random-key-in-production", "GW009", "SECRET_KEY is set to a well-known placeholder value and cannot be used. ")]
    [InlineData("SECRET_KEY=my-Replace-Me-key-0123456789abcdef0123456789", "GW009", "SECRET_KEY is set to a well-known placeholder value and cannot be used. ")]
    [InlineData("SECRET_KEY=  short-key  ", "GW010", "SECRET_KEY is too short (9 characters); it must be at least 32 characters. ")]
    public async Task SecretKey_RefusedKeyMeansTheServerDoesNotStart(string line, string code, string message)
    {
        var config = FromEnv(EnvText(line));
        Assert.True(config.StartupRefused);
        Assert.Equal(message + Remediation, config.StartupRefusal);
        var finding = Assert.Single(config.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(code, finding.Code);
        Assert.Equal("SECRET_KEY", finding.Path);

        var test = new GatewayTokenTest(config, ValidateTestBed.Settings().ToDictionary(s => s.Name, s => s.Value), new GatewayJwtStage(new FixedKeySetSource(Jwt.GatewayJwtTestBed.Keys), selfSigned: new SelfSignedVerification(GatewayRelease.V130)), null);
        var verdict = await test.EvaluateAsync(Request(LegacyToken, "https://gw.example.com/api/servers/"));
        Assert.Null(verdict.Status);
        Assert.Equal(message + Remediation, verdict.Detail);
        Assert.Equal(500, verdict.ClientStatus);
        Assert.False(TokenTestSession.Accepted([verdict]));
    }

    [Fact]
    public void SecretKey_AStrongKeyStartsAndRelease124DoesNotJudgeIt()
    {
        Assert.False(FromEnv(EnvText("SECRET_KEY=" + Jwt.GatewayJwtTestBed.SecretKey)).StartupRefused);
        Assert.False(FromEnv(EnvText("SECRET_KEY="), GatewayRelease.V124).StartupRefused);
    }

    [Fact]
    public void SecretKey_SettingsGivenOneByOneWithoutItAreNotJudged()
    {
        var config = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken));
        Assert.False(config.StartupRefused);
        Assert.DoesNotContain(config.StartupChecks, c => c.Name == GatewayCheckNames.StartupSecretKey);
        Assert.True(Config(("SECRET_KEY", "")).StartupRefused);
    }

    [Fact]
    public void SecretKey_TheTokensRefusalIsTheOneRaisedFirst()
    {
        var config = FromEnv("REGISTRY_API_TOKEN=changeme\nSECRET_KEY=\n");
        Assert.StartsWith("REGISTRY_API_TOKEN is set to a well-known placeholder value", config.StartupRefusal);
        Assert.Equal(["GW001", "GW008"], config.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Code).Order());
    }

    [Fact]
    public void NewRegistryApiToken_WarnsWhenTheEditedEnvFileWouldNotStartTheServer()
    {
        using var dir = new TempDirectory();
        var withoutKey = dir.Write(".env", "AUTH_PROVIDER=keycloak\nSECRET_KEY=\n");
        var withKey = dir.Write("good.env", "SECRET_KEY=" + Jwt.GatewayJwtTestBed.SecretKey + "\n");
        var token = ApiTokenGenerator.Generate(ApiTokenGenerator.DefaultByteCount);

        var refused = new ApiTokenTargets { EnvFile = withoutKey }.Plan(token, force: true).Single();
        var started = new ApiTokenTargets { EnvFile = withKey }.Plan(token, force: true).Single();

        Assert.Contains(refused.Warnings, w => w.Contains("does not start") && w.Contains("SECRET_KEY environment variable is required."));
        Assert.DoesNotContain(started.Warnings, w => w.Contains("does not start"));
        Assert.DoesNotContain(refused.Warnings, w => w.Contains(token.Reveal()));
    }
}
