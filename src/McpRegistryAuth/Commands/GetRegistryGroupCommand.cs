using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>Lists the gateway's server groups (GET /api/servers/groups), or describes the ones named.</summary>
[Cmdlet(VerbsCommon.Get, "RegistryGroup")]
[OutputType(typeof(RegistryGroup))]
public sealed class GetRegistryGroupCommand : RegistryTaskCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true), Alias("Group"), ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        if (Name.Length == 0)
        {
            var list = ServerTaskRequests.ListGroups();
            var lister = Open(list);
            var registry = RegistryBase(lister, list);
            Read(lister, (json, _) =>
            {
                foreach (var group in RegistryGroupRecord.FromListing(json)) WriteObject(RegistryRecords.ToGroup(group, registry));
            });
            return;
        }

        foreach (var name in Name)
        {
            var request = ServerTaskRequests.GetGroup(name);
            var invoker = Open(request);
            var registry = RegistryBase(invoker, request);
            Read(invoker, (json, _) => WriteObject(RegistryRecords.ToGroup(RegistryGroupRecord.From(json, name), registry)));
        }
    }
}
