using BenchmarkDotNet.Attributes;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// FGAC decisions on the generated estate (target: at least 1,000,000 per second on one core): the
/// ScopeIndex beside the naive baseline that re-evaluates the definitions rule by rule as the gateway does.
/// Each invocation makes <see cref="Batch"/> decisions for a mix of callers whose scopes were resolved once.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class ScopeDecisionBenchmarks
{
    public const int Batch = 4096;

    private ScopeDefinitions definitions = null!;
    private ScopeIndex index = null!;
    private (IReadOnlyList<string> Scopes, ScopeSet Set, string Server, string Method, string? Tool)[] queries = [];

    [GlobalSetup]
    public void Setup()
    {
        definitions = McpScopesLoader.FromJson(ScopeEstateGenerator.McpScopesJsonLines(), "estate.jsonl");
        index = ScopeIndex.Build(definitions);
        queries = ScopeEstateGenerator.Queries(Batch).Select(q =>
        {
            var scopes = definitions.MapGroupsToScopes(q.Groups);
            return (scopes, index.Resolve(scopes), q.Server, q.Method, q.Tool);
        }).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "Baseline: ScopeEvaluator (rule-by-rule re-evaluation)")]
    public int NaiveReEvaluation()
    {
        var allowed = 0;
        foreach (var q in queries)
        {
            if (ScopeEvaluator.Decide(definitions, q.Scopes, q.Server, q.Method, q.Tool, explain: false).Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "ScopeIndex.Decide")]
    public int IndexedDecision()
    {
        var allowed = 0;
        foreach (var q in queries)
        {
            if (index.Decide(q.Set, q.Server, q.Method, q.Tool).Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }
}
