using System.Management.Automation;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>Lists the saved profiles, all or those whose name matches (wildcards allowed).</summary>
[Cmdlet(VerbsCommon.Get, "McpProfile")]
[OutputType(typeof(McpProfile))]
public sealed class GetMcpProfileCommand : RegistryCmdlet
{
    // Parameters are described in docs/Get-McpProfile.md, which the help is built from.
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var store = new McpProfileStore(McpProfileStore.DefaultPath);
        var profiles = RunOrStop(store.ReadAll);
        WriteVerbose($"'{store.Path}' holds {profiles.Count} profile(s).");
        foreach (var name in Name ?? ["*"])
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var found = profiles.Where(p => pattern.IsMatch(p.Name)).ToList();
            if (found.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(NewError(new ItemNotFoundException($"There is no profile '{name}' in '{store.Path}'."), "ProfileNotFound", ErrorCategory.ObjectNotFound, name));
            }

            WriteObject(found, enumerateCollection: true);
        }
    }
}
