using McpRegistryAuth.Core.Gateway;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Reference section 2.4: REGISTRY_API_KEYS.</summary>
public class RegistryApiKeysTests
{
    private static string Keys(string name, string key, string groups = "[\"g1\"]") => $"{{\"{name}\":{{\"key\":\"{key}\",\"groups\":{groups}}}}}";

    [Theory]
    [InlineData("ci-bot", true)]
    [InlineData("a", true)]
    [InlineData("0_x-y", true)]
    [InlineData("CI", false)]
    [InlineData("-ci", false)]
    [InlineData("_ci", false)]
    [InlineData("ci bot", false)]
    public void ApiKeys_NameMustMatchThePattern(string name, bool valid)
    {
        Assert.Equal(valid, RegistryApiKeys.Parse(Keys(name, CiKey)).IsValid);
    }

    [Fact]
    public void ApiKeys_NameLongerThan64IsRefused()
    {
        Assert.True(RegistryApiKeys.Parse(Keys(new string('a', 64), CiKey)).IsValid);
        Assert.False(RegistryApiKeys.Parse(Keys(new string('a', 65), CiKey)).IsValid);
    }

    [Theory]
    [InlineData("legacy")]
    [InlineData("network-user")]
    [InlineData("network-trusted")]
    public void ApiKeys_ReservedNamesAreRefused(string name)
    {
        var result = RegistryApiKeys.Parse(Keys(name, CiKey));
        Assert.Contains("reserved", result.Error);
    }

    [Fact]
    public void ApiKeys_KeyNeedsAtLeast32Characters()
    {
        var result = RegistryApiKeys.Parse(Keys("ci", new string('x', 31)));
        Assert.Contains("at least 32 characters", result.Error);
    }

    [Fact]
    public void ApiKeys_KeyThatStripsBelow32IsRefused()
    {
        var result = RegistryApiKeys.Parse(Keys("ci", "  " + new string('x', 30) + "  "));
        Assert.Contains("too short (30 characters)", result.Error);
    }

    [Fact]
    public void ApiKeys_PlaceholderKeyIsRefused()
    {
        Assert.Contains("placeholder", RegistryApiKeys.Parse(Keys("ci", "replace-me-0123456789-0123456789-xyz")).Error);
    }

    [Fact]
    public void ApiKeys_KeyIsStoredStripped()
    {
        var result = RegistryApiKeys.Parse(Keys("ci", "  " + CiKey + " "));
        Assert.Equal(CiKey, result.Entries.Single().Key.Reveal());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"g1\"")]
    [InlineData("[1]")]
    public void ApiKeys_GroupsMustBeANonEmptyListOfStrings(string groups)
    {
        Assert.False(RegistryApiKeys.Parse(Keys("ci", CiKey, groups)).IsValid);
    }

    [Fact]
    public void ApiKeys_DuplicateKeyValuesAreRefused()
    {
        var raw = $"{{\"a\":{{\"key\":\"{CiKey}\",\"groups\":[\"g\"]}},\"b\":{{\"key\":\" {CiKey}\",\"groups\":[\"g\"]}}}}";
        Assert.Contains("same key value", RegistryApiKeys.Parse(raw).Error);
    }

    [Fact]
    public void ApiKeys_RepeatedNameKeepsFirstPositionAndLastValue()
    {
        var raw = $"{{\"a\":{{\"key\":\"{CiKey}\",\"groups\":[\"g\"]}},\"b\":{{\"key\":\"{OpsKey}\",\"groups\":[\"g\"]}},\"a\":{{\"key\":\"{LegacyToken}\",\"groups\":[\"h\"]}}}}";
        var result = RegistryApiKeys.Parse(raw);
        Assert.True(result.IsValid);
        Assert.Equal(["a", "b"], result.Entries.Select(e => e.Name));
        Assert.Equal(LegacyToken, result.Entries[0].Key.Reveal());
        Assert.Equal(["h"], result.Entries[0].Groups);
    }

    [Fact]
    public void ApiKeys_QuotesStrippedByDockerComposeAreRepaired()
    {
        var result = RegistryApiKeys.Parse($"{{ci:{{key:{CiKey},groups:[g1, g2]}}}}");
        Assert.True(result.IsValid);
        Assert.True(result.Repaired);
        Assert.Equal(["g1", "g2"], result.Entries.Single().Groups);
        var config = EnabledLegacy(("REGISTRY_API_KEYS", $"{{ci:{{key:{CiKey},groups:[g1]}}}}"));
        Assert.Contains(config.Findings, f => f.Code == "GW006");
        Assert.Equal(200, Evaluate(config, Bearer("https://gw/api/x", CiKey)).Status);
    }

    [Theory]
    [InlineData("[1,2]", "array")]
    [InlineData("\"x\"", "string")]
    [InlineData("{\"ci\":[1]}", "array")]
    public void ApiKeys_WrongShapesAreRefusedNamingWhatWasFound(string raw, string kind)
    {
        Assert.Contains(kind, RegistryApiKeys.Parse(raw).Error);
    }

    [Fact]
    public void ApiKeys_UnrepairableTextIsRefusedWithoutEchoingIt()
    {
        var result = RegistryApiKeys.Parse("{{{ " + CiKey);
        Assert.False(result.IsValid);
        Assert.DoesNotContain(CiKey, result.Error);
    }

    [Fact]
    public void ApiKeys_EmptyOrWhitespaceMeansNoKeys()
    {
        Assert.Empty(RegistryApiKeys.Parse("  ").Entries);
        Assert.True(RegistryApiKeys.Parse(null).IsValid);
    }

    [Fact]
    public void ApiKeys_KeysOnlyEnableTheFeatureWithoutLegacy()
    {
        var config = Config(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_KEYS", Keys("ci", CiKey)));
        Assert.True(config.Enabled);
        Assert.Equal(["ci"], config.Entries.Select(e => e.Name));
    }

    [Fact]
    public void ApiKeys_SerializeRoundTripsInTheServersFormat()
    {
        var entries = RegistryApiKeys.Parse(Keys("ci-bot", CiKey, "[\"a\",\"b\"]")).Entries;
        Assert.Equal($"{{\"ci-bot\":{{\"key\":\"{CiKey}\",\"groups\":[\"a\",\"b\"]}}}}", RegistryApiKeys.Serialize(entries));
    }
}
