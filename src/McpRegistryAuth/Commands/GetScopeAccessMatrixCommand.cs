using System.Management.Automation;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// The audit report of a scope definition: one row per group, scope and rule, saying which servers,
/// methods and tools the rule admits and how; with -Catalog, wildcards and substrings are expanded.
/// </summary>
[Cmdlet(VerbsCommon.Get, "ScopeAccessMatrix", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(ScopeAccessRow), ParameterSetName = [DefaultSet])]
[OutputType(typeof(ProxiedEntityAccessRow), ParameterSetName = [ProxiedSet, ProxiedFileSet])]
public sealed partial class GetScopeAccessMatrixCommand : RegistryCmdlet
{
    private const string DefaultSet = "Default";

    private ServerCatalog? catalog;
    private bool groupGiven;

    // Each definition read, in input order, with the groups piped with it.
    private readonly List<(ScopeDefinitions Definitions, List<string> Groups)> sources = new();

    /// <summary>scopes.yml, an mcp_scopes export (JSON array, JSON Lines, the UI's Data Export), an import-group file, or a folder of one-document files.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ValidateNotNullOrEmpty]
    public string ScopesPath { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Groups")]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(ScopeNameCompleter))]
    public string[]? Group { get; set; }

    /// <summary>Servers and their tools (JSON or CSV) used to expand wildcards and substrings.</summary>
    [Parameter(ParameterSetName = DefaultSet)]
    [ValidateNotNullOrEmpty]
    public string? Catalog { get; set; }

    /// <summary>The piped object, so that a piped scopes file's own Group property is not taken for a group.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    protected override void BeginProcessing()
    {
        groupGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Group));
        if (MyInvocation.BoundParameters.ContainsKey(nameof(ScopesPath)))
        {
            LoadScopes(ScopesPath);
        }

        if (Catalog is not null)
        {
            var path = ResolvePath(Catalog);
            if (!File.Exists(path))
            {
                ThrowTerminatingError(NewError(new FileNotFoundException($"-Catalog '{path}' does not exist."), "CatalogNotFound", ErrorCategory.ObjectNotFound, path));
            }

            catalog = ServerCatalogLoader.Load(path);
            WriteFindings(catalog.Findings);
        }

        BeginProxiedEntities();
    }

    protected override void ProcessRecord()
    {
        if (ScopesFor(ScopesPath) is not { } definitions)
        {
            return;
        }

        if (sources.Count == 0 || sources[^1].Definitions != definitions)
        {
            sources.Add((definitions, new List<string>()));
        }

        sources[^1].Groups.AddRange(GroupAndScopeNames.Split(IsFileSystemItem(InputObject) && !groupGiven ? null : Group));
    }

    // Rows are written once, after every piped group was collected, so a group piped twice is not listed twice.
    protected override void EndProcessing()
    {
        foreach (var (definitions, groups) in sources)
        {
            var distinct = groups.Distinct(StringComparer.Ordinal).ToList();
            var rows = entities is null ? ScopeAccessMatrix.Build(definitions, distinct, catalog).Cast<object>() : ProxiedRows(definitions, distinct);
            foreach (var row in rows)
            {
                WriteObject(row);
            }
        }
    }
}
