using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Add-RegistryGroupMember and Remove-RegistryGroupMember: POST /api/servers/groups/add or /remove with the
/// server's name and the groups (a form, comma-separated), as the gateway's registry client sends them.
/// </summary>
public abstract class GroupMemberCommand : RegistryTaskCmdlet
{
    [Parameter(Mandatory = true, Position = 0), ValidateNotNullOrEmpty]
    public string[] Group { get; set; } = [];

    /// <summary>The server's name; a piped server binds its Name.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true), Alias("Name", "server_name"), ValidateNotNullOrEmpty]
    public string? ServerName { get; set; }

    /// <summary>What was piped: a server (its Name binds -ServerName) or a server name; written on with -PassThru.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Writes the server piped in (or its name) on, for the next step of a pipeline.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    private protected abstract bool Add { get; }

    protected override void ProcessRecord()
    {
        if ((ServerName ?? InputObject?.BaseObject as string) is not { Length: > 0 } name)
        {
            WriteError(NewError(new ArgumentException("No server named: give -ServerName, or pipe a server or its name."), "ServerNameMissing", ErrorCategory.InvalidArgument, InputObject));
            return;
        }

        var request = ServerTaskRequests.GroupMembership(name, Group, Add);
        var invoker = Open(request);
        if (!Confirm(invoker, request.Action) || Send(invoker) is null) return;
        Verbose($"{request.Action}: done");
        if (PassThru) WriteObject(InputObject ?? (object)name);
    }
}
