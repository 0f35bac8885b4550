using System.Runtime.InteropServices;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// `dotnet run -c Release -- --scope-cpu`: the scope benchmarks measured in this thread's CPU time
/// (CLOCK_THREAD_CPUTIME_ID) instead of wall time, so a build machine shared with other jobs does not
/// inflate them. The naive baselines run in the same process, interleaved with the measured code.
/// </summary>
internal static class ScopeCpuReport
{
    private const int ClockThreadCpuTime = 3;

    public static void Run()
    {
        if (!OperatingSystem.IsLinux())
        {
            Console.WriteLine("--scope-cpu reads CLOCK_THREAD_CPUTIME_ID and runs on Linux only.");
            return;
        }

        var jsonLines = ScopeEstateGenerator.McpScopesJsonLines();
        var yaml = ScopeEstateGenerator.ScopesYaml();
        var load = new ScopeLoadBenchmarks();
        load.Setup();
        var decisions = new ScopeDecisionBenchmarks();
        decisions.Setup();

        Console.WriteLine($"Estate: {ScopeEstateGenerator.Servers} servers, {ScopeEstateGenerator.Groups} groups; JSON Lines {ScopeLoadBenchmarks.Bytes(jsonLines) / 1024} KB, scopes.yml {ScopeLoadBenchmarks.Bytes(yaml) / 1024} KB");
        var baselineLoad = Best(5, () => load.ParseJsonLinesDomOnly());
        var jsonLoad = Best(5, () => load.LoadMcpScopesAndIndex());
        var yamlLoad = Best(3, () => load.LoadScopesYamlAndIndex());
        Console.WriteLine($"Load, best of runs, thread CPU ms: baseline DOM parse {baselineLoad:F0}; mcp_scopes + index {jsonLoad:F0} (ratio {jsonLoad / baselineLoad:F1}); scopes.yml + index {yamlLoad:F0} (ratio {yamlLoad / baselineLoad:F1})");
        ReportYamlPhases(yaml);

        const int rounds = 50;
        var naive = Best(5, () => { for (var i = 0; i < rounds / 10; i++) decisions.NaiveReEvaluation(); }) / (rounds / 10);
        var indexed = Best(5, () => { for (var i = 0; i < rounds; i++) decisions.IndexedDecision(); }) / rounds;
        var perSecondNaive = ScopeDecisionBenchmarks.Batch / naive * 1000;
        var perSecondIndexed = ScopeDecisionBenchmarks.Batch / indexed * 1000;
        Console.WriteLine($"Decisions, thread CPU: naive {perSecondNaive:N0}/s ({naive * 1e6 / ScopeDecisionBenchmarks.Batch:F0} ns each); index {perSecondIndexed:N0}/s ({indexed * 1e6 / ScopeDecisionBenchmarks.Batch:F0} ns each); speed-up {perSecondIndexed / perSecondNaive:F1}x");
    }

    // Where scopes.yml load time goes: YamlDotNet's parser events alone (the floor we build on), the
    // whole positioned tree (what other loaders get), the one-pass load and conversion the scopes
    // loader uses, the scopes model and the index.
    private static void ReportYamlPhases(string yaml)
    {
        var events = Best(3, () => ScopeLoadBenchmarks.CountYamlEvents(yaml));
        var tree = Best(3, () => YamlLoader.Load(yaml, "estate.yml", ScopesYamlLoader.Options));
        var loadAndConvert = Best(3, () => LoadAndConvert(yaml));
        var root = LoadAndConvert(yaml);
        var model = Best(3, () => ScopesYamlModel.Build(root, "estate.yml", new List<Finding>()));
        var definitions = ScopesYamlModel.Build(root, "estate.yml", new List<Finding>());
        var index = Best(3, () => ScopeIndex.Build(definitions));
        Console.WriteLine($"scopes.yml phases, thread CPU ms: YamlDotNet events only {events:F0}; whole YAML tree {tree:F0}; load + conversion {loadAndConvert:F0}; scopes model {model:F0}; index {index:F0}");
    }

    private static DefinitionValue? LoadAndConvert(string yaml) =>
        YamlDefinitionConverter.LoadAndConvert(rootEntries => YamlLoader.Load(yaml, "estate.yml", ScopesYamlLoader.Options, rootEntries), "estate.yml", new List<Finding>());

    private static double Best(int runs, Action action)
    {
        action();
        var best = double.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var start = ThreadCpuMilliseconds();
            action();
            best = Math.Min(best, ThreadCpuMilliseconds() - start);
        }

        return best;
    }

    private static double ThreadCpuMilliseconds()
    {
        clock_gettime(ClockThreadCpuTime, out var time);
        return time.Seconds * 1000.0 + time.Nanoseconds / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out TimeSpec time);
}
