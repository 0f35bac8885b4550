using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

public class ToolHiveEnvironmentVariablesTests
{
    [Theory]
    [InlineData("THV_REGISTRY_AUTH_MODE", true)]
    [InlineData("TOOLHIVE_SKIP_OIDC_DISCOVERY", true)]
    [InlineData("INSECURE_DISABLE_URL_VALIDATION", true)]
    [InlineData("thv_registry_auth_mode", false)]
    [InlineData("PATH", false)]
    [InlineData("HOME", false)]
    public void Environment_OnlyVariablesTheServerReadsAreTaken(string name, bool read) =>
        Assert.Equal(read, ToolHiveEnvironmentVariables.IsReadByServer(name));

    [Theory]
    [InlineData("THV_REGISTRY_AUTH_MODE")]
    [InlineData("THV_REGISTRY_AUTH_OAUTH_REALM")]
    [InlineData("THV_REGISTRY_INSECURE_URL")]
    [InlineData("INSECURE_DISABLE_URL_VALIDATION")]
    [InlineData("TOOLHIVE_SKIP_OIDC_DISCOVERY")]
    [InlineData("THV_REGISTRY_LOG_LEVEL")]
    public void Environment_AuthSwitchesAreShownAsText(string name) =>
        Assert.Equal("'oauth'", ToolHiveEnvironmentVariables.Shown(name, "oauth"));

    [Theory]
    [InlineData("THV_REGISTRY_AUTH_OAUTH_CLIENT_SECRET")]
    [InlineData("THV_REGISTRY_AUTH_TOKEN_FILE")]
    [InlineData("THV_REGISTRY_AUTH_API_Key")]
    [InlineData("THV_REGISTRY_DATABASE_PASSWORD")]
    [InlineData("TOOLHIVE_REGISTRY_URL")]
    public void Environment_OtherValuesAreShownAsFingerprints(string name)
    {
        const string value = "s3cr3t-value-0123";
        var shown = ToolHiveEnvironmentVariables.Shown(name, value);
        Assert.DoesNotContain(value, shown);
        Assert.Equal(new Secret(value).ToString(), shown);
    }
}
