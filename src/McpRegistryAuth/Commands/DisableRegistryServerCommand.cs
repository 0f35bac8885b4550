using System.Management.Automation;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>Disables a gateway server (read it, then POST /api/servers/toggle with new_state=false).</summary>
[Cmdlet(VerbsLifecycle.Disable, "RegistryServer", SupportsShouldProcess = true)]
[OutputType(typeof(RegistryServer))]
public sealed class DisableRegistryServerCommand : ServerToggleCommand
{
    private protected override bool Enable => false;
}
