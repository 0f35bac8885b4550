using BenchmarkDotNet.Running;

namespace McpRegistryAuth.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--scope-cpu"])
        {
            ScopeCpuReport.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
