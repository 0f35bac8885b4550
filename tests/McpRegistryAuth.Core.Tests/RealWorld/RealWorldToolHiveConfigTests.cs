using McpRegistryAuth.Core.ToolHive;
using Xunit;
using static McpRegistryAuth.Core.Tests.RealWorld.RealWorldFiles;

namespace McpRegistryAuth.Core.Tests.RealWorld;

/// <summary>
/// Every ToolHive configuration of ../shared/realworld/toolhive as Test-RegistryAuthConfig reads it: the
/// fourteen examples, the Helm chart's values and the docs' snippets. None stops the server; the findings are
/// the pitfalls the files really have, and THV050 only on the auth fragments.
/// </summary>
public class RealWorldToolHiveConfigTests
{
    /// <summary>What each file is expected to give (CODE@LINE, line empty for file-level findings); a file not listed gives nothing.</summary>
    private static readonly Dictionary<string, string[]> Expected = new(StringComparer.Ordinal)
    {
        ["toolhive/examples/config-oauth.yaml"] = ["THV030@76", "THV033@79", "THV051@79"],
        ["toolhive/docs-snippets/authentication-L104.yaml"] = ["THV035@8", "THV030@27", "THV033@29", "THV051@29", "THV050@"],
        ["toolhive/docs-snippets/authentication-L230.yaml"] = ["THV050@"],
        ["toolhive/docs-snippets/authentication-L237.yaml"] = ["THV050@"],
        ["toolhive/docs-snippets/authentication-L250.yaml"] = ["THV030@13", "THV033@15", "THV051@15", "THV050@"],
        ["toolhive/docs-snippets/authentication-L270.yaml"] = ["THV050@"],
        ["toolhive/docs-snippets/authentication-L42.yaml"] = ["THV050@"],
        ["toolhive/docs-snippets/authentication-L61.yaml"] = ["THV030@11", "THV033@13", "THV051@13", "THV050@"],
        ["toolhive/docs-snippets/authentication-L85.yaml"] = ["THV050@"],
        ["toolhive/docs-snippets/configuration-L365.yaml"] = ["THV035@4", "THV033@14", "THV051@13", "THV051@14", "THV050@"],
        ["toolhive/docs-snippets/configuration-L500.yaml"] = ["THV030@44"],
        ["toolhive/docs-snippets/deployment-docker-L347.yaml"] = ["THV050@"],
        ["toolhive/docs-snippets/deployment-kubernetes-L386.yaml"] = ["THV030@13", "THV033@15", "THV051@15", "THV050@"],
    };

    public static TheoryData<string> Configurations() => Theory(FilesUnder("toolhive", "*.yaml"));

    [RealWorldFact]
    public void TheCollection_HoldsTheFilesItsReadmeNames()
    {
        Assert.Equal(14, FilesUnder("toolhive/examples", "config-*.yaml").Count);
        Assert.Equal(16, FilesUnder("toolhive/docs-snippets", "*.yaml").Count);
        Assert.Equal(2, FilesUnder("toolhive/chart", "*.yaml").Count);
    }

    [RealWorldTheory]
    [MemberData(nameof(Configurations))]
    public void EveryConfiguration_StartsTheServer_WithOnlyItsRealPitfalls(string file)
    {
        var path = PathOf(file);
        var report = ToolHiveConfigLoader.LoadFile(path);
        Assert.True(report.ServerWouldStart, string.Join("\n", report.Findings));
        var actual = report.Findings.Select(f => $"{f.Code}@{f.Line}").Order(StringComparer.Ordinal);
        Assert.Equal(Expected.GetValueOrDefault(file, []).Order(StringComparer.Ordinal), actual);
        Assert.All(report.Findings, f => Assert.Equal(path, f.File));
    }

    [RealWorldTheory]
    [InlineData("toolhive/chart/values.yaml", 144)]
    [InlineData("toolhive/chart/ci-values.yaml", 74)]
    public void HelmValues_TheConfigSectionIsWhatIsRead(string file, int configLine)
    {
        var report = ToolHiveConfigLoader.LoadFile(PathOf(file));
        Assert.Equal(ToolHiveAuthMode.Anonymous, report.Config!.Mode);
        Assert.Contains($"A Helm values file: the chart renders its config: section (line {configLine}) as the server's config.yaml; that section is evaluated.", report.Narration);
    }
}
