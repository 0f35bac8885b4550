using Xunit;

namespace McpRegistryAuth.HelpBuilder.Tests;

public class AboutTopicWriterTests
{
    private const string Page = """
        ---
        document type: about
        PlatyPS schema version: 2024-05-01
        title: about_Sample
        ---

        # about_Sample

        ## Short description

        A short one.

        ## Long description

        A long paragraph with enough words in it that it has to wrap at eighty columns, because console help must not run off the screen of anyone.

        1. **First** step with `code`.
        2. Second step.

        ```powershell
        Get-Thing -Name x
        ```

        ### A subsection

        Sub text.
        """;

    [Fact]
    public void About_StartsWithTopicAndUpperCaseSectionHeadings()
    {
        var text = AboutTopicWriter.Write("about_Sample.md", Page);
        Assert.StartsWith("TOPIC\n    about_Sample\n\nSHORT DESCRIPTION\n    A short one.\n\nLONG DESCRIPTION\n", text);
        Assert.Contains("\n    A subsection\n      Sub text.\n", text);
    }

    [Fact]
    public void About_LinesWrapAtEightyColumns()
    {
        var lines = AboutTopicWriter.Write("about_Sample.md", Page).Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length}: {l}"));
        Assert.Contains(lines, l => l.StartsWith("    A long paragraph", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    run off the screen", StringComparison.Ordinal) || l.Contains("anyone."));
    }

    [Fact]
    public void About_ListsNumberedAndCodeIndented()
    {
        var text = AboutTopicWriter.Write("about_Sample.md", Page);
        Assert.Contains("\n    1. First step with `code`.\n    2. Second step.\n", text);
        Assert.Contains("\n        Get-Thing -Name x\n", text);
    }

    [Fact]
    public void About_RequiresShortAndLongDescription()
    {
        var error = Assert.Throws<HelpSourceException>(() => AboutTopicWriter.Write("about_Sample.md", Page.Replace("## Short description", "## Short")));
        Assert.Contains("Short description", error.Message);
    }
}
