using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace McpRegistryAuth.Module.Tests;

/// <summary>
/// The module folder the build assembled, and a MetadataLoadContext over its cmdlet assembly with
/// PowerShellStandard's System.Management.Automation, so cmdlets can be inspected without a runspace.
/// </summary>
public sealed partial class BuiltModule : IDisposable
{
    private static readonly Lazy<BuiltModule> Shared = new(() => new BuiltModule());

    private BuiltModule()
    {
        Root = Metadata("ModuleOutputRoot");
        RepoRoot = Metadata("RepoRoot");
        var smaPath = Path.Combine(AppContext.BaseDirectory, "ref", "System.Management.Automation.dll");
        var paths = new List<string> { smaPath, Path.Combine(Root, "McpRegistryAuth.dll") };
        paths.AddRange(Directory.GetFiles(Path.Combine(Root, "Dependencies"), "*.dll"));
        paths.AddRange(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
        Context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
        CmdletAssembly = Context.LoadFromAssemblyPath(Path.Combine(Root, "McpRegistryAuth.dll"));
        Sma = Context.LoadFromAssemblyPath(smaPath);
    }

    public static BuiltModule Instance => Shared.Value;

    public string Root { get; }

    public string RepoRoot { get; }

    /// <summary>The version folder's name, out/McpRegistryAuth/&lt;version&gt;/.</summary>
    public string FolderVersion => Path.GetFileName(Root.TrimEnd('/', '\\'));

    public MetadataLoadContext Context { get; }

    public Assembly CmdletAssembly { get; }

    public Assembly Sma { get; }

    public string ManifestText => File.ReadAllText(Path.Combine(Root, "McpRegistryAuth.psd1"));

    public IReadOnlyList<CmdletInfo> Cmdlets => CmdletAssembly.GetTypes()
        .Select(t => (Type: t, Attribute: t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")))
        .Where(x => x.Attribute is not null && !x.Type.IsAbstract)
        .Select(x => new CmdletInfo(x.Type, x.Attribute!))
        .OrderBy(c => c.Name)
        .ToList();

    /// <summary>CmdletsToExport from the built manifest.</summary>
    public IReadOnlyList<string> ExportedCmdlets
    {
        get
        {
            var block = CmdletsBlock().Match(ManifestText);
            return block.Success ? QuotedName().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToList() : [];
        }
    }

    /// <summary>PrivateData.PSData.Tags from the built manifest.</summary>
    public IReadOnlyList<string> Tags
    {
        get
        {
            var block = TagsBlock().Match(ManifestText);
            return block.Success ? QuotedName().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToList() : [];
        }
    }

    /// <summary>PrivateData.PSData.ReleaseNotes from the built manifest (a here-string), or null.</summary>
    public string? ReleaseNotes
    {
        get
        {
            var notes = ReleaseNotesHereString().Match(ManifestText);
            return notes.Success ? notes.Groups[1].Value : null;
        }
    }

    public void Dispose() => Context.Dispose();

    private static string Metadata(string key) =>
        typeof(BuiltModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [GeneratedRegex(@"CmdletsToExport\s*=\s*@\(([^)]*)\)", RegexOptions.Singleline)]
    private static partial Regex CmdletsBlock();

    [GeneratedRegex(@"(?m)^\s*Tags\s*=\s*@\(([^)]*)\)")]
    private static partial Regex TagsBlock();

    [GeneratedRegex(@"ReleaseNotes\s*=\s*@'\r?\n(.*?)\r?\n'@", RegexOptions.Singleline)]
    private static partial Regex ReleaseNotesHereString();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();
}
