using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Completion;

/// <summary>-Profile: the names of the saved profiles (Get-McpProfile), matched on the name typed so far.</summary>
internal sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        // Not an iterator: its state machine would hold a core type in a field (CONTRIBUTING.md, "The load-order rule").
        var results = new List<CompletionResult>();
        try
        {
            var typed = wordToComplete.Trim('\'', '"');
            foreach (var profile in new McpProfileStore(McpProfileStore.DefaultPath).ReadAll().Where(p => p.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
            {
                var text = profile.Name.Any(char.IsWhiteSpace) ? $"'{profile.Name}'" : profile.Name;
                results.Add(new CompletionResult(text, profile.Name, CompletionResultType.ParameterValue, profile.RegistryUri ?? profile.Name));
            }
        }
        catch (Core.Reporting.CommandFailureException)
        {
            // An unreadable profiles file completes nothing; Get-McpProfile reports it.
        }

        return results;
    }
}
