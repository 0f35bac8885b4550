using McpRegistryAuth.Core.Gateway;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Reference section 2.1: what the auth server reads at import and startup.</summary>
public class StaticTokenStartupTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("1", false)]
    [InlineData("yes", false)]
    [InlineData("on", false)]
    [InlineData(" true", false)]
    public void EnableFlag_OnlyTheStringTrueInAnyCaseEnables(string flag, bool enabled)
    {
        var config = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", flag), ("REGISTRY_API_TOKEN", LegacyToken));
        Assert.Equal(enabled, config.FlagEnabled);
        Assert.Equal(enabled, config.Enabled);
    }

    [Fact]
    public void EnableFlag_DefaultsToFalse()
    {
        var config = Config(("REGISTRY_API_TOKEN", LegacyToken));
        Assert.False(config.Enabled);
        Assert.Contains(config.StartupChecks, c => c.Name == "Gateway.StaticToken.EnableFlag" && !c.Passed && c.Observed!.Contains("not set"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void ApiToken_UnsetOrWhitespaceOnlyIsEmptyAndDoesNotStopTheServer(string value)
    {
        var config = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "false"), ("REGISTRY_API_TOKEN", value));
        Assert.False(config.StartupRefused);
        Assert.Empty(config.Findings);
    }

    [Fact]
    public void ApiToken_IsStrippedBeforeUse()
    {
        var config = EnabledLegacy();
        var padded = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", "  " + LegacyToken + "\n"));
        Assert.Equal(config.Entries.Single().Key, padded.Entries.Single().Key);
    }

    [Theory]
    [InlineData("changeme")]
    [InlineData("  CHANGEME ")]
    [InlineData("your-secret-key-here")]
    [InlineData("change-this-immediately-use-a-strong-random-key-in-production")]
    public void ApiToken_WellKnownPlaceholderStopsTheServer(string value)
    {
        var config = Config(("REGISTRY_API_TOKEN", value));
        Assert.True(config.StartupRefused);
        var finding = Assert.Single(config.Findings);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("GW001", finding.Code);
        Assert.StartsWith("REGISTRY_API_TOKEN is set to a well-known placeholder value and cannot be used.", finding.Message);
        Assert.False(finding.ExactText);
    }

    [Theory]
    [InlineData("prefix-replace-me-suffix-0123456789abcdef")]
    [InlineData("xxxxxxxxCHANGE-ME-IMMEDIATELYxxxxxxxxxxxxxxxx")]
    [InlineData("replace_me_0123456789012345678901234567")]
    public void ApiToken_PlaceholderMarkerAnywhereStopsTheServer(string value)
    {
        var config = Config(("REGISTRY_API_TOKEN", value));
        Assert.True(config.StartupRefused);
        Assert.Equal("GW001", Assert.Single(config.Findings).Code);
    }

    [Fact]
    public void ApiToken_ShorterThan32CharactersStopsTheServer()
    {
        var config = Config(("REGISTRY_API_TOKEN", "  abcdefghij0123456789  "));
        Assert.True(config.StartupRefused);
        var finding = Assert.Single(config.Findings);
        Assert.Equal("GW002", finding.Code);
        Assert.StartsWith("REGISTRY_API_TOKEN is too short (20 characters); it must be at least 32 characters.", finding.Message);
    }

    [Fact]
    public void ApiToken_LengthCountsCodePointsLikePython()
    {
        // 31 emoji = 62 UTF-16 units but 31 characters for Python's len().
        var value = string.Concat(Enumerable.Repeat("\U0001F511", 31));
        Assert.Equal(SigningSecretProblem.TooShort, SigningSecretRule.Validate(value, "X", required: false).Problem);
        Assert.True(SigningSecretRule.Validate(value + "\U0001F511", "X", required: false).IsAccepted);
    }

    [Fact]
    public void ApiToken_RefusalStopsTheServerEvenWhenTheFeatureIsDisabled()
    {
        var config = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "false"), ("REGISTRY_API_TOKEN", "short"));
        Assert.True(config.StartupRefused);
        var verdict = Evaluate(config, Bearer("https://gw/api/servers", "anything"));
        Assert.Null(verdict.Status);
        Assert.Equal(500, verdict.ClientStatus);
        Assert.Contains(verdict.Findings, f => f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void ApiToken_ExactlyThirtyTwoCharactersIsAccepted()
    {
        var config = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", new string('k', 16) + new string('q', 16)));
        Assert.True(config.Enabled);
    }

    [Fact]
    public void EnabledWithoutTokenOrKeys_DisablesTheFeatureWithTheServersMessage()
    {
        var config = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"));
        Assert.False(config.Enabled);
        var finding = Assert.Single(config.Findings);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.True(finding.ExactText);
        Assert.Equal("REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true but neither REGISTRY_API_TOKEN nor REGISTRY_API_KEYS is set. Static token auth is DISABLED. Set at least one of these or disable the feature. Falling back to standard IdP JWT validation.", finding.Message);
    }

    [Fact]
    public void ApiKeysParseFailure_DisablesTheWholeFeatureLegacyTokenIncluded()
    {
        var config = EnabledLegacy(("REGISTRY_API_KEYS", "{\"ci\": 5}"));
        Assert.False(config.Enabled);
        Assert.Empty(config.Entries);
        var finding = Assert.Single(config.Findings);
        Assert.Equal("GW005", finding.Code);
        Assert.StartsWith("Failed to parse REGISTRY_API_KEYS: ", finding.Message);
        Assert.Contains("Static-token auth DISABLED.", finding.Message);
        var verdict = Evaluate(config, Bearer("https://gw/api/servers", LegacyToken));
        Assert.Equal(401, verdict.Status);
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.Enabled").Passed);
    }

    [Fact]
    public void RootPath_ComesFromRegistryRootPathElseRootPathWithTrailingSlashesRemoved()
    {
        Assert.Equal("/registry", Config(("REGISTRY_ROOT_PATH", "/registry//")).RootPath);
        Assert.Equal("/gw", Config(("ROOT_PATH", "/gw/")).RootPath);
        Assert.Equal("/a", Config(("REGISTRY_ROOT_PATH", "/a"), ("ROOT_PATH", "/b")).RootPath);
        Assert.Equal("", Config().RootPath);
    }

    [Fact]
    public void ApiToken_ValueNeverAppearsInFindingsOrChecks()
    {
        var weak = "placeholder-replace-me-0123456789-abcdef";
        var config = Config(("REGISTRY_API_TOKEN", weak));
        var text = string.Join("\n", config.Findings.Select(f => f.ToString()).Concat(config.StartupChecks.Select(c => c.ToString())));
        Assert.DoesNotContain(weak, text);
        Assert.Contains(Fingerprint.Of(weak), text);
    }
}
