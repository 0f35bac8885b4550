using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// Loading a 10,000-server x 1,000-group definition into the decision index (target: under 300 ms),
/// beside the naive baseline of only parsing the same text into a DOM (no positions, no index).
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class ScopeLoadBenchmarks
{
    private string jsonLines = "";
    private string yaml = "";

    [GlobalSetup]
    public void Setup()
    {
        jsonLines = ScopeEstateGenerator.McpScopesJsonLines();
        yaml = ScopeEstateGenerator.ScopesYaml();
    }

    [Benchmark(Baseline = true, Description = "Baseline: JsonDocument.Parse per line (DOM only)")]
    public int ParseJsonLinesDomOnly()
    {
        var count = 0;
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            count += document.RootElement.GetProperty("server_access").GetArrayLength();
        }

        return count;
    }

    [Benchmark(Description = "mcp_scopes JSON Lines -> definitions + ScopeIndex")]
    public ScopeIndex LoadMcpScopesAndIndex() => ScopeIndex.Build(McpScopesLoader.FromJson(jsonLines, "estate.jsonl"));

    [Benchmark(Description = "scopes.yml -> definitions + ScopeIndex")]
    public ScopeIndex LoadScopesYamlAndIndex() => ScopeIndex.Build(ScopesYamlLoader.FromText(yaml, "estate.yml"));

    /// <summary>YamlDotNet's parser events for the text with nothing built from them: the floor under any YAML load.</summary>
    public static int CountYamlEvents(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        var count = 0;
        while (parser.MoveNext())
        {
            count++;
        }

        return count;
    }

    public static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
