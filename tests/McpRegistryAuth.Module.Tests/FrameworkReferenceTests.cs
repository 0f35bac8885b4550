using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>
/// PowerShell 7.4 runs on .NET 8, whose framework assemblies carry version 8.0.0.0. The assemblies in the
/// default load context (the cmdlets and the loader) must ask for nothing newer, and every reference of the
/// core and its packages must resolve there: from Dependencies/ at the version asked for or newer (the
/// loader serves that copy when the framework's is older), or from .NET 8 itself.
/// </summary>
public class FrameworkReferenceTests
{
    private static readonly Version Net8 = new(8, 0, 0, 0);
    private static readonly string Root = BuiltModule.Instance.Root;
    private static readonly string Dependencies = Path.Combine(Root, "Dependencies");

    private static readonly HashSet<string> FrameworkNames = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
        .Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static TheoryData<string> DefaultContextAssemblies => new() { "McpRegistryAuth.dll", "McpRegistryAuth.Loading.dll" };

    [Theory]
    [MemberData(nameof(DefaultContextAssemblies))]
    public void DefaultContextAssembly_AsksForNoFrameworkAssemblyNewerThanNet8(string file)
    {
        var tooNew = References(Path.Combine(Root, file))
            .Where(r => FrameworkNames.Contains(r.Name) && r.Version > Net8)
            .Select(r => $"{r.Name} {r.Version}").ToList();
        Assert.True(tooNew.Count == 0, $"{file} references framework assemblies newer than .NET 8's: {string.Join(", ", tooNew)}");
    }

    [Fact]
    public void EveryReferenceOfTheCoreAndItsPackages_ResolvesOnNet8()
    {
        var privateVersions = Directory.GetFiles(Dependencies, "*.dll")
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => AssemblyName.GetAssemblyName(p).Version!, StringComparer.OrdinalIgnoreCase);
        var unresolved = new List<string>();
        foreach (var file in Directory.GetFiles(Dependencies, "*.dll"))
        {
            foreach (var (name, version) in References(file))
            {
                var privately = privateVersions.TryGetValue(name, out var own) && own >= version;
                var byNet8 = FrameworkNames.Contains(name) && version <= Net8;
                if (!privately && !byNet8) unresolved.Add($"{Path.GetFileName(file)} -> {name} {version}");
            }
        }

        Assert.True(unresolved.Count == 0, "Not resolvable on .NET 8: " + string.Join("; ", unresolved));
    }

    [Fact]
    public void TheCoresNewerFrameworkAssemblies_TravelInDependencies()
    {
        // The reason for the rule above: the MCP SDK brings System.Text.Json 10, which .NET 8 does not ship.
        var json = References(Path.Combine(Dependencies, "McpRegistryAuth.Core.dll")).Single(r => r.Name == "System.Text.Json");
        Assert.True(json.Version > Net8);
        Assert.True(AssemblyName.GetAssemblyName(Path.Combine(Dependencies, "System.Text.Json.dll")).Version >= json.Version);
    }

    private static List<(string Name, Version Version)> References(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h))
            .Select(r => (metadata.GetString(r.Name), r.Version)).ToList();
    }
}
