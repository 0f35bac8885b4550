using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>A Helm values.yaml is read at its config: section; THV050 only for auth fragments.</summary>
public class ToolHiveHelmValuesTests
{
    private const string Values = """
        replicaCount: 1
        image:
          registryServerUrl: "ghcr.io/stacklok/thv-registry-api:v1.5.1"
        config:
          sources:
            - name: toolhive
          registries:
            - name: default
              sources: ["toolhive"]
          auth:
            mode: oauth
            oauth:
              resourceUrl: https://registry.example.com
              providers:
                - name: keycloak
                  issuer_url: https://auth.example.com/realms/mcp
                  audience: registry
        """;

    [Fact]
    public void HelmValues_TheConfigSectionIsLintedAtItsLinesAndPaths()
    {
        var report = ToolHiveConfigLoader.Load(Values, "values.yaml");
        var first = report.FirstError!;
        Assert.Equal(ToolHiveFindingCodes.IssuerRequired, first.Code);
        Assert.Equal("failed to load configuration: invalid configuration: invalid auth configuration: auth.oauth.providers[0].issuerUrl is required", first.Message);
        Assert.Equal("config.auth.oauth.providers[0].issuerUrl", first.Path);
        Assert.Equal(15, first.Line);
        var ignored = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.SnakeCaseKey);
        Assert.Equal("config.auth.oauth.providers[0].issuer_url", ignored.Path);
        Assert.Equal(16, ignored.Line);
        Assert.DoesNotContain(report.Findings, f => f.Code == ToolHiveFindingCodes.FragmentNotEvaluated);
        Assert.Contains(report.Narration, l => l.StartsWith("A Helm values file: the chart renders its config: section (line 4)", StringComparison.Ordinal));
    }

    [Fact]
    public void HelmValues_ASectionWithoutAuthIsTheServersAuthRequiredError()
    {
        var report = ToolHiveConfigLoader.Load("image: {pullPolicy: Never}\nconfig:\n  sources: []\n", "ci-values.yaml");
        Assert.Equal("failed to load configuration: invalid configuration: auth configuration is required", report.FirstError!.Message);
    }

    [Theory]
    [InlineData("auth:\n  mode: anonymous\nconfig:\n  auth:\n    mode: oauth\n")]
    [InlineData("config: just text\n")]
    [InlineData("Config:\n  auth:\n    mode: anonymous\n")]
    public void NotHelmValues_TheRootIsTheConfiguration(string yaml)
    {
        Assert.DoesNotContain(ToolHiveConfigLoader.Load(yaml, "config.yaml").Narration, l => l.StartsWith("A Helm values file", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sources: []\nauth:\n  mode: anonymous\n")]
    [InlineData("auth:\n  mode: anonymous\nDatabase:\n  host: db\n")]
    public void CompleteConfiguration_HasNoFragmentInfo(string yaml)
    {
        Assert.Empty(ToolHiveConfigLoader.Load(yaml, "config.yaml").Findings);
    }
}
