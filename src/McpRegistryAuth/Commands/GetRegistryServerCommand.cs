using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Lists a registry's MCP servers (every page) or reads one by its path: the gateway's /api/servers, its v0.1
/// registry API, or a ToolHive registry's v0.1 API.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RegistryServer", DefaultParameterSetName = ListSet)]
[OutputType(typeof(RegistryServer))]
public sealed class GetRegistryServerCommand : RegistryTaskCmdlet
{
    private const string ListSet = "List";
    private const string PathSet = "Path";

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = ListSet, Position = 0), SupportsWildcards, ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The MCP-registry-compatible v0.1 API (the gateway's /v0.1/servers) instead of /api/servers.</summary>
    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter V01 { get; set; }

    /// <summary>A ToolHive registry's name: lists /registry/{name}/v0.1/servers.</summary>
    [Parameter(ParameterSetName = ListSet), ValidateNotNullOrEmpty]
    public string? RegistryName { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PathSet)
        {
            foreach (var path in Path)
            {
                if (ReadServer(path) is { } server) WriteObject(server);
            }

            return;
        }

        var list = ServerTaskRequests.List(V01, RegistryName);
        var lister = Open(list);
        var registry = RegistryBase(lister, list);
        var filter = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        var written = 0;
        ReadAll(lister, item =>
        {
            var server = RegistryServerRecord.From(item, registry);
            if (filter is not null && !filter.IsMatch(server.Name) && !(server.Path is { } p && filter.IsMatch(p))) return;
            written++;
            WriteObject(RegistryRecords.ToServer(server, registry));
        });
        Verbose($"{written} server(s) written");
    }
}
