using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>
/// The core's YamlDotNet must come from the module's Dependencies/ through the private load
/// context, even when another copy of YamlDotNet is already loaded in the default context.
/// </summary>
public class YamlDotNetIsolationTests
{
    private static string ModuleRoot => typeof(YamlDotNetIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ModuleOutputRoot").Value!;

    [Fact]
    public void Isolation_CoreYamlDotNetLoadsFromDependencies()
    {
        var dependencies = Path.Combine(ModuleRoot, "Dependencies");
        Assert.True(File.Exists(Path.Combine(dependencies, "YamlDotNet.dll")), "the module build must copy YamlDotNet.dll to Dependencies/");

        // Another module's YamlDotNet, already in the default context (same name, other path).
        var foreign = Path.Combine(Path.GetTempPath(), "foreign-yaml-" + Guid.NewGuid().ToString("N"), "YamlDotNet.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(foreign)!);
        File.Copy(Path.Combine(dependencies, "YamlDotNet.dll"), foreign);
        var foreignAssembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(foreign);

        var module = Assembly.LoadFrom(Path.Combine(ModuleRoot, "McpRegistryAuth.Loading.dll"));
        var resolverType = module.GetType("McpRegistryAuth.Loading.DependencyResolver", throwOnError: true)!;
        var resolver = Activator.CreateInstance(resolverType, dependencies)!;
        var context = (AssemblyLoadContext)resolverType.GetProperty("LoadContext")!.GetValue(resolver)!;
        var core = context.LoadFromAssemblyName(new AssemblyName("McpRegistryAuth.Core"));

        // Loading a config forces the core to bind YamlDotNet.
        var loader = core.GetType("McpRegistryAuth.Core.ToolHive.ToolHiveConfigLoader", throwOnError: true)!;
        var load = loader.GetMethod("Load", [typeof(string), typeof(string), typeof(IReadOnlyDictionary<string, string>), typeof(string)])!;
        var report = load.Invoke(null, ["auth:\n  mode: anonymous\n", "c.yaml", null, null])!;
        Assert.True((bool)report.GetType().GetProperty("ServerWouldStart")!.GetValue(report)!);

        var coreYaml = context.Assemblies.Single(a => a.GetName().Name == "YamlDotNet");
        Assert.NotSame(foreignAssembly, coreYaml);
        Assert.Equal(Path.GetFullPath(Path.Combine(dependencies, "YamlDotNet.dll")), Path.GetFullPath(coreYaml.Location));
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(coreYaml));
    }
}
