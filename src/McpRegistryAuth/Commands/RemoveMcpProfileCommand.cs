using System.Management.Automation;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>Removes a saved profile (the secret file or variable it names is left alone); -PassThru returns it.</summary>
[Cmdlet(VerbsCommon.Remove, "McpProfile", SupportsShouldProcess = true)]
[OutputType(typeof(McpProfile))]
public sealed class RemoveMcpProfileCommand : RegistryCmdlet
{
    // Parameters are described in docs/Remove-McpProfile.md, which the help is built from.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var store = new McpProfileStore(McpProfileStore.DefaultPath);
        if (!ShouldProcess(store.Path, $"Remove profile '{Name}'"))
        {
            return;
        }

        if (RunOrStop(() => store.Remove(Name)) is { } removed)
        {
            WriteVerbose($"Removed profile '{removed.Name}' from '{store.Path}'.");
            if (PassThru)
            {
                WriteObject(removed);
            }
        }
        else
        {
            WriteError(NewError(new ItemNotFoundException($"There is no profile '{Name}' in '{store.Path}'."), "ProfileNotFound", ErrorCategory.ObjectNotFound, Name));
        }
    }
}
