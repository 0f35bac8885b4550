using McpRegistryAuth.Core.Requests;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Requests;

public class RegistryTypeResolverTests
{
    [Fact]
    public void RegistryType_ExplicitChoiceWins() =>
        Assert.Equal(RegistryType.Gateway, RegistryTypeResolver.Resolve(RegistryType.Gateway, hasEnvironmentSettings: false, hasToolHiveConfig: true, hasToolRegistryTokens: true));

    [Fact]
    public void RegistryType_NoSettingsMeansInspectionOnly() =>
        Assert.Null(RegistryTypeResolver.Resolve(null, hasEnvironmentSettings: false, hasToolHiveConfig: false, hasToolRegistryTokens: false));

    [Theory]
    [InlineData(true, false, false, RegistryType.Gateway)]
    [InlineData(false, true, false, RegistryType.ToolHive)]
    [InlineData(false, false, true, RegistryType.ToolRegistry)]
    public void RegistryType_OneKindOfSettingsDecides(bool environment, bool toolHiveConfig, bool tokensFile, RegistryType expected) =>
        Assert.Equal(expected, RegistryTypeResolver.Resolve(null, environment, toolHiveConfig, tokensFile));

    [Fact]
    public void RegistryType_EnvironmentWithToolHiveConfigHoldsItsOverrides() =>
        Assert.Equal(RegistryType.ToolHive, RegistryTypeResolver.Resolve(null, hasEnvironmentSettings: true, hasToolHiveConfig: true, hasToolRegistryTokens: false));

    [Fact]
    public void RegistryType_TwoFamiliesAreAmbiguous()
    {
        var error = Assert.Throws<ArgumentException>(() => RegistryTypeResolver.Resolve(null, hasEnvironmentSettings: true, hasToolHiveConfig: false, hasToolRegistryTokens: true));
        Assert.Contains("Gateway and ToolRegistry", error.Message);
        Assert.Contains("-RegistryType", error.Message);
    }
}
