using Xunit;

namespace McpRegistryAuth.HelpBuilder.Tests;

/// <summary>en-US/ at the repository root is generated from docs/ and committed; the module build ships the same files.</summary>
public class CommittedHelpTests
{
    private const string Regenerate = "Regenerate it: dotnet run --project tools/McpRegistryAuth.HelpBuilder -- docs en-US (or ./build.ps1 -Task Help).";

    [Fact]
    public void CommittedHelp_MatchesWhatDocsGenerate()
    {
        var generated = HelpGenerator.Generate(Paths.Docs);
        Assert.NotEmpty(generated);
        var committed = Directory.Exists(Paths.CommittedHelp)
            ? Directory.GetFiles(Paths.CommittedHelp).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
        Assert.True(generated.Keys.SequenceEqual(committed), $"en-US/ holds [{string.Join(", ", committed)}] but docs/ generate [{string.Join(", ", generated.Keys)}]. {Regenerate}");
        foreach (var (name, content) in generated)
        {
            var onDisk = File.ReadAllText(Path.Combine(Paths.CommittedHelp, name));
            Assert.True(onDisk == content, $"en-US/{name} is stale. {Regenerate}");
        }
    }

    [Fact]
    public void ModuleFolder_ShipsTheGeneratedHelp()
    {
        var moduleHelp = Path.Combine(Paths.ModuleOutputRoot, "en-US");
        foreach (var (name, content) in HelpGenerator.Generate(Paths.Docs))
        {
            var path = Path.Combine(moduleHelp, name);
            Assert.True(File.Exists(path), $"{path} is missing: the module build did not run the help tool.");
            Assert.Equal(content, File.ReadAllText(path));
        }
    }
}
