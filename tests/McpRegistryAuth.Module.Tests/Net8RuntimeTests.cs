using System.Diagnostics;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>
/// The built module's loader and core on a real .NET 8 runtime, the one PowerShell 7.4 runs on. Only .NET 10
/// is installed here, so tests/McpRegistryAuth.Net8Probe is published self-contained with .NET 8.0.34 and run
/// against out/; it stands where the cmdlet assembly stands and reports one line per check.
/// </summary>
public sealed class Net8RuntimeTests : IClassFixture<Net8RuntimeTests.ProbeRun>
{
    private readonly ProbeRun run;

    public Net8RuntimeTests(ProbeRun run) => this.run = run;

    private static readonly string[] CheckNames =
    [
        "runtime-is-dotnet-8", "loader-registers", "core-in-private-context", "registry-api-listing", "token-inspection", "es256-self-signed-token", "msal-client-credentials",
        "scopes-yaml",
        "mcp-connection", "core-json-is-the-private-copy",
    ];

    public static TheoryData<string> Checks => new(CheckNames);

    [Theory]
    [MemberData(nameof(Checks))]
    public void Check_PassesOnDotNet8(string check)
    {
        var line = run.Lines.FirstOrDefault(l => l == $"PASS {check}" || l.StartsWith($"FAIL {check}:", StringComparison.Ordinal));
        Assert.True(line is not null, $"the probe did not report {check}. Its output:\n{run.Output}");
        Assert.True(line == $"PASS {check}", line);
    }

    [Fact]
    public void Probe_ReportsNoCheckThisTestDoesNotKnow()
    {
        var known = CheckNames.ToHashSet();
        var unknown = run.Lines.Where(l => l.StartsWith("PASS ", StringComparison.Ordinal) || l.StartsWith("FAIL ", StringComparison.Ordinal))
            .Select(l => l[5..].Split(':')[0]).Where(name => !known.Contains(name)).ToList();
        Assert.True(unknown.Count == 0, "checks with no test: " + string.Join(", ", unknown));
        Assert.Equal(0, run.ExitCode);
    }

    /// <summary>Publishes the probe once for the class and runs it.</summary>
    public sealed class ProbeRun : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "mcpregistryauth-net8probe-" + Guid.NewGuid().ToString("N"));

        public ProbeRun()
        {
            var module = BuiltModule.Instance;
            var project = Path.Combine(module.RepoRoot, "tests", "McpRegistryAuth.Net8Probe", "McpRegistryAuth.Net8Probe.csproj");
            var root = module.Root.EndsWith('/') || module.Root.EndsWith('\\') ? module.Root : module.Root + Path.DirectorySeparatorChar;
            var (publishCode, publishOutput) = Run(Dotnet, ["publish", project, "-c", "Release", "-o", folder, "-p:ModuleRoot=" + root, "--nologo"], TimeSpan.FromMinutes(5));
            if (publishCode != 0) throw new InvalidOperationException("dotnet publish of the .NET 8 probe failed:\n" + publishOutput);
            var executable = Path.Combine(folder, OperatingSystem.IsWindows() ? "McpRegistryAuth.Net8Probe.exe" : "McpRegistryAuth.Net8Probe");
            (ExitCode, Output) = Run(executable, [module.Root], TimeSpan.FromMinutes(2));
            Lines = Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        public int ExitCode { get; }

        public string Output { get; }

        public IReadOnlyList<string> Lines { get; }

        // dotnet test sets DOTNET_HOST_PATH to the dotnet that runs it.
        private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        public void Dispose()
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }

        private static (int Code, string Output) Run(string file, IEnumerable<string> arguments, TimeSpan limit)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Path.GetFileName(file)} did not finish in {limit.TotalSeconds} s");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
