using System.Text.RegularExpressions;
using Xunit;

namespace McpRegistryAuth.Module.Tests;

/// <summary>The folder `dotnet build` assembles is an importable module with its dependencies isolated.</summary>
public class ModuleLayoutTests
{
    private static BuiltModule Module => BuiltModule.Instance;

    [Fact]
    public void Layout_HasManifestCmdletAssemblyFormatFileAndDependencies()
    {
        Assert.True(File.Exists(Path.Combine(Module.Root, "McpRegistryAuth.psd1")));
        Assert.True(File.Exists(Path.Combine(Module.Root, "McpRegistryAuth.dll")));
        Assert.True(File.Exists(Path.Combine(Module.Root, "McpRegistryAuth.format.ps1xml")));
        Assert.True(File.Exists(Path.Combine(Module.Root, "Dependencies", "McpRegistryAuth.Core.dll")));
    }

    [Fact]
    public void Layout_NothingButTheModuleFilesSitBesideTheManifest()
    {
        // The package is made from this folder as it is, so whatever lands here ships; only the cmdlet and
        // loader assemblies sit at the root, every other assembly goes to Dependencies/.
        var files = Directory.GetFiles(Module.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["LICENSE", "McpRegistryAuth.Loading.dll", "McpRegistryAuth.dll", "McpRegistryAuth.format.ps1xml", "McpRegistryAuth.psd1"], files);
        var folders = Directory.GetDirectories(Module.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["Dependencies", "en-US"], folders);
    }

    [Fact]
    public void Layout_ShipsNoSymbolsOrBuildFiles()
    {
        var strays = Directory.GetFiles(Module.Root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase)
                || Path.GetFileName(f).Contains("Tests", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(strays);
    }

    [Fact]
    public void Layout_CarriesTheRepositoryLicense()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(Module.RepoRoot, "LICENSE")), File.ReadAllText(Path.Combine(Module.Root, "LICENSE")));
    }

    [Fact]
    public void Layout_EveryThirdPartyAssemblyOfTheCoreIsInDependencies()
    {
        var core = Module.Context.LoadFromAssemblyPath(Path.Combine(Module.Root, "Dependencies", "McpRegistryAuth.Core.dll"));
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        foreach (var reference in core.GetReferencedAssemblies())
        {
            var inFramework = File.Exists(Path.Combine(runtime, reference.Name + ".dll"));
            var inDependencies = File.Exists(Path.Combine(Module.Root, "Dependencies", reference.Name + ".dll"));
            Assert.True(inFramework || inDependencies, $"{reference.Name} is referenced by the core but is neither in the framework nor in Dependencies/.");
        }
    }

    [Fact]
    public void Manifest_VersionIsStampedFromTheBuild()
    {
        Assert.Matches(new Regex($"ModuleVersion\\s*=\\s*'{Regex.Escape(Module.FolderVersion)}'"), Module.ManifestText);
    }

    [Fact]
    public void Manifest_TargetsPowerShell74CoreAndImportsTheLoaderFirst()
    {
        var text = Module.ManifestText;
        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Core'\)", text);
        Assert.Matches(@"PowerShellVersion\s*=\s*'7\.4'", text);
        Assert.Matches(@"RootModule\s*=\s*'McpRegistryAuth\.dll'", text);
        Assert.Matches(@"FormatsToProcess\s*=\s*@\('McpRegistryAuth\.format\.ps1xml'\)", text);
        Assert.DoesNotMatch(@"(?m)^\s*RequiredAssemblies\s*=", text);
        // The loader is the only nested module, so it is imported before the cmdlet assembly is read.
        Assert.Matches(@"(?m)^\s*NestedModules\s*=\s*@\('McpRegistryAuth\.Loading\.dll'\)", text);
    }

    [Fact]
    public void Manifest_CarriesWhatTheGalleryShows()
    {
        foreach (var key in new[] { "Description", "Author", "CompanyName", "Copyright", "Tags", "ProjectUri", "LicenseUri", "ReleaseNotes" })
        {
            Assert.Matches($@"(?m)^\s*{key}\s*=\s*\S", Module.ManifestText);
        }
    }

    [Fact]
    public void Manifest_TagsNameTheServerFamiliesWithoutSpaces()
    {
        // The Gallery splits tags on spaces, so a tag with one would turn into two.
        Assert.All(Module.Tags, tag => Assert.DoesNotMatch(@"\s", tag));
        Assert.Superset(new HashSet<string> { "MCP", "MCPGatewayRegistry", "ToolHive", "ToolRegistry", "OAuth", "JWT", "PSEdition_Core" }, Module.Tags.ToHashSet());
    }

    [Fact]
    public void Manifest_ReleaseNotesDescribeThisVersionAndEveryCmdlet()
    {
        var notes = Module.ReleaseNotes;
        Assert.NotNull(notes);
        Assert.StartsWith(Module.FolderVersion + ",", notes);
        Assert.All(Module.Cmdlets, cmdlet => Assert.Contains(cmdlet.Name, notes));
    }

    [Fact]
    public void Manifest_ExportsExactlyTheCmdletClasses()
    {
        Assert.Equal(Module.Cmdlets.Select(c => c.Name).OrderBy(n => n), Module.ExportedCmdlets.OrderBy(n => n));
    }

    [Fact]
    public void Manifest_BuiltCopyMatchesTheSourceExceptTheVersion()
    {
        var source = File.ReadAllText(Path.Combine(Module.RepoRoot, "McpRegistryAuth.psd1"));
        var strip = new Regex(@"ModuleVersion\s*=\s*'[^']*'");
        Assert.Equal(strip.Replace(source, ""), strip.Replace(Module.ManifestText, ""));
    }

    [Fact]
    public void FormatFile_IsWellFormedAndNeverShowsATokenProperty()
    {
        var xml = System.Xml.Linq.XDocument.Load(Path.Combine(Module.Root, "McpRegistryAuth.format.ps1xml"));
        var shown = xml.Descendants("PropertyName").Select(e => e.Value).ToList();
        Assert.NotEmpty(shown);
        Assert.DoesNotContain("Token", shown);
        Assert.DoesNotContain("AccessToken", shown);
    }
}
