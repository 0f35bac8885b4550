using System.Text;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Tests.Reporting;
using McpRegistryAuth.Core.ToolHive;
using McpRegistryAuth.Core.ToolRegistry;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Requests;

public class TokenTestSessionTests
{
    private static readonly Dictionary<string, string> StaticSettings = new()
    {
        ["REGISTRY_STATIC_TOKEN_AUTH_ENABLED"] = "true",
        ["REGISTRY_API_TOKEN"] = "Zq3v9Kx2Lm8Np4Rt6Wy1Bc5Df7Gh0Jk-Qs2Uv4Xz6",
    };

    private static CommandFailureException Refusal(TokenTestOptions options) =>
        Assert.Throws<CommandFailureException>(() => TokenTestSession.Open(options, new RecordingReport()));

    [Fact]
    public void NoServerSettings_GivesNoTestSoTheTokenIsInspected()
    {
        var report = new RecordingReport();
        using var session = TokenTestSession.Open(new TokenTestOptions(), report);
        Assert.Null(session.Test);
        Assert.Contains(report.Lines, l => l.Contains("returning the token's inspection", StringComparison.Ordinal));
    }

    [Fact]
    public void Quiet_WithoutServerSettings_IsRefused()
    {
        var refusal = Refusal(new TokenTestOptions { Quiet = true });
        Assert.Equal("NoServerSettings", refusal.ErrorId);
        Assert.Equal(FailureCategory.InvalidArgument, refusal.Category);
    }

    [Fact]
    public void SettingsOfTwoFamilies_AreAmbiguous()
    {
        using var temp = new TempDirectory();
        var refusal = Refusal(new TokenTestOptions { Environment = StaticSettings, TokensFile = temp.Write("tokens.txt", "abc\n") });
        Assert.Equal("AmbiguousRegistryType", refusal.ErrorId);
    }

    [Fact]
    public void EnvironmentSettings_ChooseTheGateway_AndReportItsStartupChecksOnce()
    {
        var report = new RecordingReport();
        using var session = TokenTestSession.Open(new TokenTestOptions { Environment = StaticSettings }, report);
        Assert.IsType<GatewayTokenTest>(session.Test);
        Assert.NotEmpty(report.Checks);
        Assert.Contains(report.Lines, l => l.StartsWith("Server: Gateway; 2 setting(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GatewayTest_StartupChecksAreNotReportedAgainPerRequest()
    {
        var report = new RecordingReport();
        using var session = TokenTestSession.Open(new TokenTestOptions { Environment = StaticSettings }, report);
        var request = new TokenTestRequest { Token = new Secret(StaticSettings["REGISTRY_API_TOKEN"]), Uri = new Uri("https://gw.example/api/servers"), At = DateTimeOffset.UtcNow };
        var verdicts = await session.Test!.EvaluateAsync(request, CancellationToken.None);
        var verdict = Assert.Single(verdicts);
        Assert.True(TokenTestSession.Accepted(verdicts));
        var perRequest = session.Test.ChecksToReport(verdict).ToList();
        Assert.NotEmpty(perRequest);
        Assert.DoesNotContain(perRequest, report.Checks.Contains);
    }

    [Fact]
    public async Task GatewayTest_ATokenThatCannotBeSentIsRefusedAsInvalidToken()
    {
        using var session = TokenTestSession.Open(new TokenTestOptions { Environment = StaticSettings }, new RecordingReport());
        var request = new TokenTestRequest { Token = new Secret("line\nbreak"), Uri = new Uri("https://gw.example/api/servers"), At = DateTimeOffset.UtcNow };
        var refusal = await Assert.ThrowsAsync<CommandFailureException>(() => session.Test!.EvaluateAsync(request, CancellationToken.None));
        Assert.Equal("InvalidToken", refusal.ErrorId);
        Assert.DoesNotContain("line", refusal.Target?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void EnvFileWithBom_IsReadWithAWarning()
    {
        using var temp = new TempDirectory();
        var path = temp.WriteBytes(".env", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true\n")]);
        var report = new RecordingReport();
        using var session = TokenTestSession.Open(new TokenTestOptions { EnvFile = path }, report);
        Assert.Equal(DotEnvFileBom(path), Assert.Single(report.Warnings));
    }

    [Fact]
    public void RelativePaths_AreResolvedByTheCallersResolver()
    {
        using var temp = new TempDirectory();
        temp.Write("tokens.txt", "abc\n");
        var report = new RecordingReport();
        using var session = TokenTestSession.Open(new TokenTestOptions { TokensFile = "tokens.txt", ResolvePath = p => Path.Combine(temp.Path, p) }, report);
        Assert.IsType<ToolRegistryTokenTest>(session.Test);
        Assert.Contains(report.Lines, l => l == "Server: ToolRegistry; 1 active token(s) in tokens.txt.");
    }

    [Fact]
    public async Task GenericProxyInputs_ForAServerThatIsNotTheGateway_AreIgnoredWithAWarning()
    {
        using var temp = new TempDirectory();
        var tokens = temp.Write("tokens.txt", "abc\n");
        using var session = TokenTestSession.Open(new TokenTestOptions { TokensFile = tokens }, new RecordingReport());
        var request = new TokenTestRequest { Token = new Secret("abc"), Uri = new Uri("http://127.0.0.1:8000/skill/skills/pdf"), At = DateTimeOffset.UtcNow, GenericProxyKind = "skill", EntityPath = "skills/pdf" };
        var plain = request with { GenericProxyKind = null, EntityPath = null };
        var verdict = Assert.Single(await TokenTestSession.EvaluateAsync(session.Test!, request, CancellationToken.None));
        var without = Assert.Single(await TokenTestSession.EvaluateAsync(session.Test!, plain, CancellationToken.None));
        Assert.Equal(without.Status, verdict.Status);
        Assert.Equal([.. without.Warnings, TokenTestSession.GenericProxyIgnored], verdict.Warnings);
        Assert.DoesNotContain(TokenTestSession.GenericProxyIgnored, without.Warnings);
    }

    [Theory]
    [InlineData("ToolRegistry", "TokensFileRequired")]
    [InlineData("toolhive", "ConfigPathRequired")]
    public void NamedFamily_WithoutItsFile_IsRefusedWithTheParameterToGive(string family, string errorId)
    {
        var refusal = Refusal(new TokenTestOptions { RegistryType = family });
        Assert.Equal(errorId, refusal.ErrorId);
    }

    [Fact]
    public void ToolHive_MissingConfigFile_IsObjectNotFound()
    {
        var refusal = Refusal(new TokenTestOptions { ConfigPath = "/nonexistent/config.yaml" });
        Assert.Equal("RegistryAuthConfigNotFound", refusal.ErrorId);
        Assert.Equal(FailureCategory.ObjectNotFound, refusal.Category);
    }

    [Fact]
    public void ToolHive_ConfigIsLoadedAndItsFindingsReported()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "Fixtures", "toolhive", "corpus", "err-20-auth-missing.yaml");
        var report = new RecordingReport();
        using var session = TokenTestSession.Open(new TokenTestOptions { ConfigPath = config }, report);
        Assert.IsType<ToolHiveTokenTest>(session.Test);
        Assert.NotEmpty(report.Findings);
    }

    [Fact]
    public void InvalidOfflineJwks_IsRefusedAsInvalidJwks()
    {
        var refusal = Refusal(new TokenTestOptions { Environment = StaticSettings, Jwks = "{\"keys\": 5}" });
        Assert.Equal("InvalidJwks", refusal.ErrorId);
        Assert.Equal(FailureCategory.InvalidData, refusal.Category);
    }

    [Fact]
    public void Inspect_WithoutToken_IsNoToken()
    {
        var refusal = Assert.Throws<CommandFailureException>(() => TokenTestSession.Inspect(null, DateTimeOffset.UtcNow, new RecordingReport()));
        Assert.Equal("NoToken", refusal.ErrorId);
    }

    private static string DotEnvFileBom(string path) => Core.Files.DotEnvFile.BomProblem(path);
}
