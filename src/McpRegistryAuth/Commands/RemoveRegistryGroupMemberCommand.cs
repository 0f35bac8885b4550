using System.Management.Automation;

namespace McpRegistryAuth.Commands;

/// <summary>Removes a server from one or more gateway groups (POST /api/servers/groups/remove).</summary>
[Cmdlet(VerbsCommon.Remove, "RegistryGroupMember", SupportsShouldProcess = true)]
[OutputType(typeof(Output.RegistryServer), typeof(string))]
public sealed class RemoveRegistryGroupMemberCommand : GroupMemberCommand
{
    private protected override bool Add => false;
}
