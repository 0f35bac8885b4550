using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Enable-RegistryServer and Disable-RegistryServer: the gateway's toggle as its client does it: read the
/// server, then POST /api/servers/toggle with its path and the new state; nothing is sent when the server is
/// already in that state.
/// </summary>
public abstract class ServerToggleCommand : RegistryTaskCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Writes the server as it is afterwards.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    private protected abstract bool Enable { get; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            if (ReadServer(path) is not { } server) continue;

            var state = Enable ? "enabled" : "disabled";
            if (server.Enabled == Enable)
            {
                Verbose($"{server.Path} is already {state}: nothing sent");
                if (PassThru) WriteObject(server);
                continue;
            }

            var request = ServerTaskRequests.Toggle(path, Enable);
            var invoker = Open(request);
            if (!Confirm(invoker, request.Action) || Send(invoker) is null) continue;
            Verbose($"{server.Path} {state} (was {(server.Enabled is { } was ? (was ? "enabled" : "disabled") : "of unknown state")})");
            if (PassThru && ReadServer(path) is { } after) WriteObject(after);
        }
    }
}
