using System.Management.Automation;

namespace McpRegistryAuth.Commands;

/// <summary>Adds a server to one or more gateway groups (POST /api/servers/groups/add).</summary>
[Cmdlet(VerbsCommon.Add, "RegistryGroupMember", SupportsShouldProcess = true)]
[OutputType(typeof(Output.RegistryServer), typeof(string))]
public sealed class AddRegistryGroupMemberCommand : GroupMemberCommand
{
    private protected override bool Add => true;
}
