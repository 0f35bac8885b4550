using System.Management.Automation;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>Enables a gateway server (read it, then POST /api/servers/toggle with new_state=true).</summary>
[Cmdlet(VerbsLifecycle.Enable, "RegistryServer", SupportsShouldProcess = true)]
[OutputType(typeof(RegistryServer))]
public sealed class EnableRegistryServerCommand : ServerToggleCommand
{
    private protected override bool Enable => true;
}
