using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>
/// Every file in Fixtures/toolhive/corpus declares its expected findings in header comments
/// (<c># expect: CODE@LINE</c>, line empty for file-level findings) and its environment
/// (<c># env: NAME=VALUE</c>). The fragment Info (THV050), which every file without sources, registries
/// or database has, is not listed.
/// </summary>
public class ToolHiveConfigCorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "toolhive", "corpus");

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory, "*.yaml").OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_HasAtLeastFortyConfigs() => Assert.True(Directory.GetFiles(CorpusDirectory, "*.yaml").Length >= 40);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Corpus_FindingsMatchDeclaredCodesAndLines(string name)
    {
        var path = Path.Combine(CorpusDirectory, name);
        var lines = File.ReadAllLines(path);
        var expected = lines.Where(l => l.StartsWith("# expect: ", StringComparison.Ordinal)).Select(l => l["# expect: ".Length..].Trim()).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var environment = lines.Where(l => l.StartsWith("# env: ", StringComparison.Ordinal))
            .Select(l => l["# env: ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

        var report = ToolHiveConfigLoader.LoadFile(path, environment);

        var actual = report.Findings
            .Where(f => f.Code != ToolHiveFindingCodes.FragmentNotEvaluated)
            .Select(f => $"{f.Code}@{f.Line}")
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{name}\nexpected: {string.Join(", ", expected)}\nactual:   {string.Join(", ", actual)}\n" + string.Join("\n", report.Findings.Select(f => f.ToString())));
        Assert.All(report.Findings, f => Assert.Equal(path, f.File));
    }
}
