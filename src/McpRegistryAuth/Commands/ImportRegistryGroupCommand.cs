using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Imports groups into the gateway from import-group JSON files (POST /api/servers/groups/import, one
/// document each), the files Test-ScopeAccess reads: each is checked by the same loader before it is sent.
/// </summary>
[Cmdlet(VerbsData.Import, "RegistryGroup", SupportsShouldProcess = true)]
[OutputType(typeof(Output.RegistryGroup))]
public sealed class ImportRegistryGroupCommand : RegistryTaskCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), Alias("FullName", "PSPath"), ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Writes each group as the gateway describes it after the import.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            var file = ResolvePath(path);
            IReadOnlyList<(string ScopeName, string Json)> groups = [];
            if (!RunOrWriteError(() =>
                {
                    var (read, findings) = GroupImportFile.Read(file);
                    WriteFindings(findings);
                    groups = read;
                }))
            {
                continue;
            }

            foreach (var (scopeName, json) in groups)
            {
                var request = ServerTaskRequests.ImportGroup(json, scopeName);
                var invoker = Open(request);
                if (!Confirm(invoker, $"{request.Action} from {System.IO.Path.GetFileName(file)}") || Send(invoker) is null) continue;
                Verbose($"{request.Action}: done");
                if (!PassThru) continue;
                var get = ServerTaskRequests.GetGroup(scopeName);
                var reader = Open(get);
                Read(reader, (group, _) => WriteObject(RegistryRecords.ToGroup(RegistryGroupRecord.From(group, scopeName), RegistryBase(reader, get))));
            }
        }
    }
}
