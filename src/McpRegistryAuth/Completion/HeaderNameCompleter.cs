using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using McpRegistryAuth.Core.Requests;

namespace McpRegistryAuth.Completion;

/// <summary>
/// -Header: a hashtable with one header the servers read, e.g. <c>@{ 'X-Authorization' = '' }</c>, matched on
/// the name typed so far (with or without a leading <c>@{</c>). PowerShell asks no completer for a key typed
/// inside a hashtable, so the whole hashtable is the completion.
/// </summary>
internal sealed class HeaderNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.TrimStart('@', '{', ' ').Trim('\'', '"');
        return CompletionNames.Matching(RequestHeaderNames.All, typed)
            .Select(r => new CompletionResult($"@{{ '{r.ListItemText}' = '' }}", r.ListItemText, CompletionResultType.ParameterValue, r.ToolTip));
    }
}
