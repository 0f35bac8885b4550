using Xunit;

namespace McpRegistryAuth.HelpBuilder.Tests;

public class CommandHelpReaderTests
{
    private static string Sample => Paths.Fixture("Test-Sample.md");

    private static HelpSourceException Broken(string markdown) =>
        Assert.Throws<HelpSourceException>(() => CommandHelpReader.Read("Test-Sample.md", markdown));

    private static int LineOf(string markdown, string text) =>
        markdown[..markdown.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Reader_SampleReadsCompletely()
    {
        var help = CommandHelpReader.Read("Test-Sample.md", Sample);
        Assert.Equal(["Confirm", "Mode", "Name", "Path", "Quiet", "WhatIf"], help.Parameters.Select(p => p.Name));
        Assert.Equal(["ByName", "ByPath"], help.Syntax.Select(s => s.Name));
        Assert.True(help.Syntax[0].IsDefault);
        Assert.Equal(2, help.Examples.Count);
    }

    [Fact]
    public void Reader_ParameterWithoutDescription_FailsNamingFileAndLine()
    {
        var markdown = Sample.Replace("The mode.\n", "");
        var error = Broken(markdown);
        Assert.Equal("Test-Sample.md", error.File);
        Assert.Equal(LineOf(markdown, "### -Mode"), error.Line);
        Assert.Contains("-Mode has no description", error.Message);
    }

    [Fact]
    public void Reader_ParameterWithoutYamlBlock_Fails()
    {
        var start = Sample.IndexOf("```yaml\nType: System.String\nDefaultValue: Fast", StringComparison.Ordinal);
        var end = Sample.IndexOf("```\n", start + 8, StringComparison.Ordinal) + 4;
        var error = Broken(Sample.Remove(start, end - start));
        Assert.Contains("-Mode has no ```yaml", error.Message);
    }

    [Fact]
    public void Reader_FewerThanTwoExamples_Fails()
    {
        var start = Sample.IndexOf("### Example 2", StringComparison.Ordinal);
        var end = Sample.IndexOf("## PARAMETERS", StringComparison.Ordinal);
        Assert.Contains("at least two", Broken(Sample.Remove(start, end - start)).Message);
    }

    [Fact]
    public void Reader_ExampleWithoutOutput_Fails()
    {
        var error = Broken(Sample.Replace("```Output\nTrue\n```\n", ""));
        Assert.Contains("Example 2 - Test by path", error.Message);
        Assert.Contains("Output", error.Message);
    }

    [Fact]
    public void Reader_SyntaxShowsUndocumentedParameter_Fails()
    {
        var error = Broken(Sample.Replace("[-Mode <string>]", "[-Mode <string>] [-Extra]"));
        Assert.Contains("-Extra", error.Message);
    }

    [Fact]
    public void Reader_ParameterMissingFromItsSetsSyntax_Fails()
    {
        var error = Broken(Sample.Replace(" [-Mode <string>]", ""));
        Assert.Contains("-Mode belongs to set 'ByName'", error.Message);
    }

    [Fact]
    public void Reader_UnknownParameterSetName_Fails()
    {
        var error = Broken(Sample.Replace("- Name: ByPath\n", "- Name: ByFile\n"));
        Assert.Contains("'ByFile'", error.Message);
    }

    [Fact]
    public void Reader_MissingSection_Fails()
    {
        var error = Broken(Sample.Replace("## INPUTS", "## INPUT"));
        Assert.Contains("'## INPUTS'", error.Message);
    }

    [Fact]
    public void Reader_WrongSchemaVersion_Fails()
    {
        Assert.Contains("PlatyPS schema version", Broken(Sample.Replace("2024-05-01", "2.0.0")).Message);
    }

    [Fact]
    public void Reader_InvalidYamlMetadata_FailsNearTheLine()
    {
        var markdown = Sample.Replace("Type: System.String[]", "Type: [System.String");
        var error = Broken(markdown);
        Assert.Contains("-Path is not valid yaml", error.Message);
        Assert.InRange(error.Line, LineOf(markdown, "### -Path"), LineOf(markdown, "### -Quiet"));
    }

    [Fact]
    public void Generator_PageMustBeNamedAfterItsCmdlet()
    {
        var docs = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(docs.FullName, "Wrong-Name.md"), Sample);
            var error = Assert.Throws<HelpSourceException>(() => HelpGenerator.Generate(docs.FullName));
            Assert.Contains("Test-Sample.md", error.Message);
        }
        finally
        {
            docs.Delete(recursive: true);
        }
    }

    [Fact]
    public void Generator_WriteToRemovesHelpFilesDocsNoLongerProduce_AndKeepsOthers()
    {
        var output = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(output.FullName, "about_Gone.help.txt"), "old");
            File.WriteAllText(Path.Combine(output.FullName, "Other.dll-Help.xml"), "old");
            File.WriteAllText(Path.Combine(output.FullName, "notes.txt"), "kept");
            HelpGenerator.WriteTo(HelpGenerator.Generate(Paths.FixtureDocs), output.FullName);
            var names = output.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal);
            Assert.Equal([HelpGenerator.MamlFileName, "notes.txt"], names);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
