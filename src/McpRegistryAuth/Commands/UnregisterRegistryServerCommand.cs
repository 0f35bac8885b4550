using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>Removes a server from the gateway (POST /api/servers/remove with its path).</summary>
[Cmdlet(VerbsLifecycle.Unregister, "RegistryServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class UnregisterRegistryServerCommand : RegistryTaskCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = [];

    /// <summary>Removes without asking for confirmation.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            var request = RunOrStop(() => ServerTaskRequests.Remove(path));
            var invoker = Open(request);
            var confirmed = Force && !MyInvocation.BoundParameters.ContainsKey("WhatIf") ? true : Confirm(invoker, request.Action);
            if (confirmed && Send(invoker) is not null) Verbose($"{request.Action}: done");
        }
    }
}
