using System.Text.RegularExpressions;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>Every exported cmdlet and parameter has a docs page entry with a description and examples.</summary>
public partial class DocsCoverageTests
{
    private static BuiltModule Module => BuiltModule.Instance;

    private static string DocsFolder => Path.Combine(Module.RepoRoot, "docs");

    private static string Page(string cmdlet)
    {
        var path = Path.Combine(DocsFolder, cmdlet + ".md");
        Assert.True(File.Exists(path), $"docs/{cmdlet}.md is missing");
        return File.ReadAllText(path).Replace("\r\n", "\n");
    }

    private static readonly string[] CommonShouldProcess = ["WhatIf", "Confirm"];

    [Theory]
    [MemberData(nameof(CmdletSurfaceTests.CmdletNames), MemberType = typeof(CmdletSurfaceTests))]
    public void Docs_PageHasThePlatyPsFrontMatter(string cmdlet)
    {
        var page = Page(cmdlet);
        Assert.StartsWith("---\n", page);
        var front = page[4..page.IndexOf("\n---\n", 4, StringComparison.Ordinal)];
        Assert.Contains("document type: cmdlet", front);
        Assert.Contains("external help file: McpRegistryAuth.dll-Help.xml", front);
        Assert.Contains("Module Name: McpRegistryAuth", front);
        Assert.Contains("PlatyPS schema version: 2024-05-01", front);
        Assert.Contains($"title: {cmdlet}", front);
        Assert.Contains($"\n# {cmdlet}\n", page);
    }

    [Theory]
    [MemberData(nameof(CmdletSurfaceTests.CmdletNames), MemberType = typeof(CmdletSurfaceTests))]
    public void Docs_PageHasEveryRequiredSection(string cmdlet)
    {
        var page = Page(cmdlet);
        foreach (var section in new[] { "## SYNOPSIS", "## SYNTAX", "## DESCRIPTION", "## EXAMPLES", "## PARAMETERS", "## INPUTS", "## OUTPUTS", "## RELATED LINKS" })
        {
            Assert.Contains("\n" + section + "\n", page);
        }

        Assert.False(string.IsNullOrWhiteSpace(Section(page, "SYNOPSIS")), "empty synopsis");
        Assert.False(string.IsNullOrWhiteSpace(Section(page, "DESCRIPTION")), "empty description");
    }

    [Theory]
    [MemberData(nameof(CmdletSurfaceTests.CmdletNames), MemberType = typeof(CmdletSurfaceTests))]
    public void Docs_PageHasAtLeastTwoExamplesWithCodeAndOutput(string cmdlet)
    {
        var examples = ExampleHeading().Split(Section(Page(cmdlet), "EXAMPLES")).Skip(1).ToList();
        Assert.True(examples.Count >= 2, $"{cmdlet}: {examples.Count} example(s)");
        foreach (var example in examples)
        {
            Assert.Contains("```powershell\n", example);
            Assert.Contains("```Output\n", example);
        }
    }

    [Theory]
    [MemberData(nameof(CmdletSurfaceTests.CmdletNames), MemberType = typeof(CmdletSurfaceTests))]
    public void Docs_EveryParameterIsDescribedAndNoOtherIs(string cmdlet)
    {
        var info = Module.Cmdlets.Single(c => c.Name == cmdlet);
        var page = Page(cmdlet);
        var parameters = Section(page, "PARAMETERS");
        var documented = ParameterHeading().Matches(parameters).Select(m => m.Groups[1].Value).ToList();
        var expected = info.Parameters.Select(p => p.Name).Concat(info.SupportsShouldProcess ? CommonShouldProcess : []).ToList();
        Assert.Equal(expected.OrderBy(n => n), documented.OrderBy(n => n));

        foreach (var name in expected)
        {
            var body = ParameterBody(parameters, name);
            var description = body[..body.IndexOf("```yaml", StringComparison.Ordinal)].Trim();
            Assert.False(string.IsNullOrWhiteSpace(description), $"{cmdlet} -{name} has no description");
            Assert.Contains("```yaml\nType: ", body);
            Assert.Contains("ParameterSets:", body);
        }
    }

    [Fact]
    public void Docs_AboutTopicExists()
    {
        var about = File.ReadAllText(Path.Combine(DocsFolder, "about_McpRegistryAuth.md"));
        Assert.Contains("about_McpRegistryAuth", about);
    }

    internal static string Section(string page, string name)
    {
        var start = page.IndexOf("\n## " + name + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"section {name} missing");
        start += name.Length + 5;
        var end = page.IndexOf("\n## ", start, StringComparison.Ordinal);
        return end < 0 ? page[start..] : page[start..end];
    }

    private static string ParameterBody(string parameters, string name)
    {
        var start = parameters.IndexOf($"### -{name}\n", StringComparison.Ordinal) + name.Length + 6;
        var end = parameters.IndexOf("\n### ", start, StringComparison.Ordinal);
        return end < 0 ? parameters[start..] : parameters[start..end];
    }

    [GeneratedRegex(@"(?m)^### Example \d+")]
    private static partial Regex ExampleHeading();

    [GeneratedRegex(@"(?m)^### -(\w+)\s*$")]
    private static partial Regex ParameterHeading();
}
