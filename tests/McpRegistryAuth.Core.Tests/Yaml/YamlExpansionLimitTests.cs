using System.Text;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Yaml;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Yaml;

/// <summary>Issue 13 item 9: the cost of a document is bounded by its expanded text, not only its node count, and the limit hit is named.</summary>
public class YamlExpansionLimitTests
{
    [Fact]
    public void Yaml_FewAliasesOfAHugeAnchorStopAtTheTextLimit()
    {
        var yaml = $"big: &big '{new string('x', 100_000)}'\ncopies: [{string.Join(", ", Enumerable.Repeat("*big", 100))}]\n";
        var doc = YamlLoader.Load(Encoding.UTF8.GetBytes(yaml), "scopes.yml", ScopesYamlLoader.Options);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.AliasExpansion, finding.Code);
        Assert.Contains($"more than {ScopesYamlLoader.Options.MaxExpandedChars} characters of text once its aliases are resolved", finding.Message);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Yaml_ALargeDocumentWithoutAliasesIsNotCalledAnAliasBomb()
    {
        var options = YamlLoadOptions.GatewayScopes with { MaxExpandedNodes = 100 };
        var yaml = "items: [" + string.Join(", ", Enumerable.Range(0, 200)) + "]\n";
        var finding = Assert.Single(YamlLoader.Load(Encoding.UTF8.GetBytes(yaml), "scopes.yml", options).Findings);
        Assert.Equal(YamlFindingCodes.TooLarge, finding.Code);
        Assert.Contains("more than 100 nodes (it has no alias)", finding.Message);
        Assert.DoesNotContain("alias bomb", finding.Message);
    }

    [Fact]
    public void ScopesYaml_RepeatedWarningsAreCollapsed()
    {
        var definitions = ScopesYamlLoader.FromText("group_mappings:\n  g: [" + string.Join(", ", Enumerable.Repeat("1", 50)) + "]\n");
        var same = definitions.Findings.Where(f => f.Message == "group 'g' maps to 1 (int), which is not a scope name.").ToList();
        Assert.Equal(RepeatedFindings.Kept, same.Count);
        Assert.Contains(definitions.Findings, f => f.Message.StartsWith($"{50 - RepeatedFindings.Kept} more FGA", StringComparison.Ordinal));
    }
}
