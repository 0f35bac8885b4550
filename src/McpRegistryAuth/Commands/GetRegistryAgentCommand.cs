using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>Lists the gateway's A2A agents (GET /api/agents, every page), or reads agents by path.</summary>
[Cmdlet(VerbsCommon.Get, "RegistryAgent", DefaultParameterSetName = ListSet)]
[OutputType(typeof(RegistryAgent))]
public sealed class GetRegistryAgentCommand : RegistryTaskCmdlet
{
    private const string ListSet = "List";
    private const string PathSet = "Path";

    [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    [Parameter(ParameterSetName = ListSet, Position = 0), SupportsWildcards, ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == PathSet)
        {
            foreach (var path in Path)
            {
                var request = RunOrStop(() => ServerTaskRequests.GetAgent(path));
                var invoker = Open(request);
                var registry = RegistryBase(invoker, request);
                Read(invoker, (json, _) => WriteObject(RegistryRecords.ToAgent(RegistryAgentRecord.From(json), registry)));
            }

            return;
        }

        var list = ServerTaskRequests.ListAgents();
        var lister = Open(list);
        var listRegistry = RegistryBase(lister, list);
        var filter = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        ReadAll(lister, item =>
        {
            var agent = RegistryAgentRecord.From(item);
            if (filter is null || filter.IsMatch(agent.Name) || (agent.Path is { } p && filter.IsMatch(p))) WriteObject(RegistryRecords.ToAgent(agent, listRegistry));
        });
    }
}
