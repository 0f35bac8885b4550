using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>Spec §1.1: how viper and mapstructure read the file.</summary>
public class ToolHiveKeySemanticsTests
{
    private static string Provider(string issuerKey = "issuerUrl", string extra = "") => $"""
        auth:
          mode: oauth
          oauth:
            resourceUrl: https://registry.example.com
            providers:
              - name: kc
                {issuerKey}: https://kc.example.com
                audience: registry
        {extra}
        """;

    private static ToolHiveConfigReport Load(string yaml, Dictionary<string, string>? env = null) => ToolHiveConfigLoader.Load(yaml, "config.yaml", env);

    [Theory]
    [InlineData("issuerUrl")]
    [InlineData("issuerURL")]
    [InlineData("IssuerUrl")]
    [InlineData("issuerurl")]
    public void KeyCase_IssuerUrlMatchedCaseInsensitively(string key)
    {
        var report = Load(Provider(key));
        Assert.True(report.ServerWouldStart);
        Assert.Equal("https://kc.example.com", report.Config!.Providers[0].IssuerUrl);
    }

    [Theory]
    [InlineData("issuer_url")]
    [InlineData("issuer-url")]
    public void KeyCase_SeparatorSpellingsAreNotMatched(string key)
    {
        var report = Load(Provider(key));
        Assert.Equal(ToolHiveFindingCodes.IssuerRequired, report.FirstError!.Code);
        var warning = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.SnakeCaseKey);
        Assert.Equal(7, warning.Line);
        Assert.Contains("issuerUrl", warning.Fix);
    }

    [Fact]
    public void UnknownKey_IgnoredButReportedWithNearestValidKey()
    {
        var report = Load(Provider().Replace("audience: registry", "audience: registry\n        audiance: x", StringComparison.Ordinal));
        var warning = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.UnknownKey);
        Assert.Equal("Did you mean \"audience\"?", warning.Fix);
        Assert.Equal("auth.oauth.providers[0].audiance", warning.Path);
        Assert.True(report.ServerWouldStart);
    }

    [Fact]
    public void ScopesSupported_IsIgnoredWithWarning()
    {
        var report = Load(Provider().Replace("resourceUrl:", "scopesSupported: [a]\n    resourceUrl:", StringComparison.Ordinal));
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.ScopesSupportedIgnored && f.Line == 4);
    }

    [Fact]
    public void KeyLowerCasing_RoleRuleClaimKeysArriveLowerCased()
    {
        var report = Load(Provider(extra: "  authz:\n    roles:\n      superAdmin:\n        - isAdmin: \"true\"\n"));
        var condition = report.Config!.Authz!.Roles[ToolHiveRole.SuperAdmin][0].Conditions[0];
        Assert.Equal("isadmin", condition.Claim);
        Assert.Equal("isAdmin", condition.WrittenClaim);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.CamelCaseClaimKey);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"t\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("0", false)]
    [InlineData("1", true)]
    public void WeakTyping_BoolAcceptsParseBoolSpellings(string value, bool expected)
    {
        var report = Load(Provider().Replace("audience: registry", $"audience: registry\n        allowPrivateIP: {value}", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.Code == ToolHiveFindingCodes.DecodeError);
        Assert.Equal(expected, report.Config!.Providers[0].AllowPrivateIP);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    public void WeakTyping_YesIsNotABool(string value)
    {
        var report = Load(Provider().Replace("audience: registry", $"audience: registry\n        allowPrivateIP: {value}", StringComparison.Ordinal));
        Assert.Equal(ToolHiveFindingCodes.DecodeError, report.FirstError!.Code);
        Assert.Equal($"cannot parse 'auth.oauth.providers[0].allowPrivateIP' as bool: strconv.ParseBool: parsing \"{value}\": invalid syntax", report.FirstError.Message);
    }

    [Fact]
    public void WeakTyping_NumberBecomesString()
    {
        var report = Load(Provider().Replace("audience: registry", "audience: 407408718192", StringComparison.Ordinal));
        Assert.Equal("407408718192", report.Config!.Providers[0].Audience);
    }

    [Fact]
    public void WeakTyping_SingleProviderMapBecomesOneProvider()
    {
        var report = Load("auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://r\n    providers:\n      name: kc\n      issuerUrl: https://kc\n      audience: a\n");
        Assert.True(report.ServerWouldStart);
        Assert.Single(report.Config!.Providers);
    }

    [Fact]
    public void WeakTyping_CommaStringSplitsPublicPaths()
    {
        var report = Load("auth:\n  mode: anonymous\n  publicPaths: \"/a,/b\"\n");
        Assert.Equal(["/a", "/b"], report.Config!.PublicPaths);
    }

    [Fact]
    public void EmptyMaps_OAuthEmptyIsLikeMissing()
    {
        var report = Load("auth:\n  mode: oauth\n  oauth: {}\n");
        Assert.Equal(ToolHiveFindingCodes.OAuthRequired, report.FirstError!.Code);
    }

    [Fact]
    public void EmptyMaps_AuthzWithEmptyRolesIsNoAuthz()
    {
        var report = Load(Provider(extra: "  authz:\n    roles: {}\n"));
        Assert.Null(report.Config!.Authz);
        var warning = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.EmptyAuthzIsOpen);
        Assert.Equal(9, warning.Line);
    }

    [Fact]
    public void EmptyMaps_EmptyRoleListKeepsAuthzOn()
    {
        var report = Load(Provider(extra: "  authz:\n    roles:\n      superAdmin: []\n"));
        Assert.NotNull(report.Config!.Authz);
        Assert.Empty(report.Config.Authz.Roles[ToolHiveRole.SuperAdmin]);
    }

    [Fact]
    public void NullValues_AreDropped()
    {
        var report = Load("auth:\n  mode: oauth\n  oauth:\n    realm: ~\n");
        Assert.Equal(ToolHiveFindingCodes.OAuthRequired, report.FirstError!.Code);
    }

    [Fact]
    public void EnvOverride_AppliesToKeyPresentInFile()
    {
        var report = Load(Provider(), new() { ["THV_REGISTRY_AUTH_OAUTH_RESOURCEURL"] = "https://other.example.com" });
        Assert.Equal("https://other.example.com", report.Config!.OAuth!.ResourceUrl);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.EnvironmentOverride && f.Line == 4);
    }

    [Fact]
    public void EnvOverride_IgnoredForKeyAbsentFromFile()
    {
        var report = Load(Provider(), new() { ["THV_REGISTRY_AUTH_OAUTH_REALM"] = "corp" });
        Assert.Equal("mcp-registry", report.Config!.OAuth!.EffectiveRealm);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.EnvironmentOverrideIgnored);
    }

    [Fact]
    public void EnvOverride_EmptyValueCountsAsUnset()
    {
        var report = Load("auth:\n  mode: anonymous\n", new() { ["THV_REGISTRY_AUTH_MODE"] = "" });
        Assert.Equal("anonymous", report.Config!.Mode);
    }

    [Fact]
    public void EnvOverride_CannotCreateAuthSection()
    {
        var report = Load("sources: []\n", new() { ["THV_REGISTRY_AUTH_MODE"] = "anonymous" });
        Assert.Equal(ToolHiveFindingCodes.AuthRequired, report.FirstError!.Code);
    }

    [Fact]
    public void EnvOverride_PublicPathsCommaList()
    {
        var report = Load("auth:\n  mode: anonymous\n  publicPaths: [/x]\n", new() { ["THV_REGISTRY_AUTH_PUBLICPATHS"] = "/a,/b" });
        Assert.Equal(["/a", "/b"], report.Config!.PublicPaths);
    }

    [Fact]
    public void InsecureUrl_TopLevelYamlKeyIsHonoured()
    {
        var report = Load("insecure_url: true\n" + Provider().Replace("https://kc", "http://kc", StringComparison.Ordinal));
        Assert.True(report.ServerWouldStart);
        Assert.True(report.Config!.InsecureAllowHttp);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.InsecureUrlFromYaml && f.Line == 1);
    }

    [Fact]
    public void InsecureUrl_EnvironmentNonBoolCountsAsFalse()
    {
        var report = Load(Provider().Replace("https://kc", "http://kc", StringComparison.Ordinal), new() { ["THV_REGISTRY_INSECURE_URL"] = "yes" });
        Assert.Equal(ToolHiveFindingCodes.IssuerNotHttps, report.FirstError!.Code);
    }

    [Fact]
    public void InsecureAllowHttp_YamlKeyHasNoEffect()
    {
        var report = Load(Provider().Replace("mode: oauth", "mode: oauth\n  insecureAllowHTTP: true", StringComparison.Ordinal).Replace("https://kc", "http://kc", StringComparison.Ordinal));
        Assert.Equal(ToolHiveFindingCodes.IssuerNotHttps, report.FirstError!.Code);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.InsecureAllowHttpIgnored);
    }

    [Fact]
    public void KeysDifferingOnlyInCase_CollideWithWarning()
    {
        var report = Load("auth:\n  mode: anonymous\n  MODE: anonymous\n");
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.CaseCollision && f.Line == 3);
    }

    [Fact]
    public void DuplicateKey_StopsTheServerButTheRestIsStillChecked()
    {
        var report = Load("auth:\n  mode: oauth\n  mode: anonymous\n");
        Assert.Equal("YAML003", report.FirstError!.Code);
        Assert.Equal(3, report.FirstError.Line);
        Assert.False(report.ServerWouldStart);
        Assert.Equal("anonymous", report.Config!.Mode);
    }

    [Theory]
    [InlineData("config.YAML", false)]
    [InlineData("config.Yml", false)]
    [InlineData("config.yaml", true)]
    [InlineData("config.yml", true)]
    public void FileExtension_CheckedCaseSensitively(string name, bool accepted)
    {
        var dir = Directory.CreateTempSubdirectory("thv-ext-");
        try
        {
            var path = Path.Combine(dir.FullName, name);
            File.WriteAllText(path, "auth:\n  mode: anonymous\n");
            var report = ToolHiveConfigLoader.LoadFile(path);
            Assert.Equal(accepted, report.ServerWouldStart);
            if (!accepted) Assert.Equal($"Unsupported Config Type \"{Path.GetExtension(name)[1..]}\"", report.FirstError!.Message);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Fragment_GivesOneInfoThatOtherSectionsWereNotEvaluated()
    {
        var report = Load("auth:\n  mode: anonymous\n");
        var info = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.FragmentNotEvaluated);
        Assert.Equal(FindingSeverity.Info, info.Severity);
    }
}

public class ToolHiveMergeKeyTests
{
    [Fact]
    public void MergeKey_ProviderDefaultsMergedAndExplicitKeysWin()
    {
        var report = ToolHiveConfigLoader.Load("""
            defaults: &defaults
              audience: registry
              allowPrivateIP: true
            auth:
              mode: oauth
              oauth:
                resourceUrl: https://registry.example.com
                providers:
                  - <<: *defaults
                    name: kc
                    issuerUrl: https://kc.example.com
                    allowPrivateIP: false
            """);
        Assert.True(report.ServerWouldStart);
        var provider = report.Config!.Providers[0];
        Assert.Equal("registry", provider.Audience);
        Assert.False(provider.AllowPrivateIP);
        Assert.DoesNotContain(report.Findings, f => f.Code == ToolHiveFindingCodes.UnknownKey);
    }
}

public class ToolHiveInlineSecretTests
{
    [Fact]
    public void InlineClientSecret_IgnoredAndNeverEchoed()
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://r\n    providers:\n      - name: kc\n        issuerUrl: https://kc\n        audience: a\n        clientSecret: sup3r-s3cret-value\n");
        var warning = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.UnknownKey);
        Assert.Contains("clientSecretFile", warning.Fix);
        Assert.All(report.Findings, f => Assert.DoesNotContain("sup3r-s3cret-value", f.ToString()));
        Assert.All(report.Narration, n => Assert.DoesNotContain("sup3r-s3cret-value", n));
    }
}
