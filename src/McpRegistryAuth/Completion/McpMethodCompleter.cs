using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using McpRegistryAuth.Core.McpProtocol;

namespace McpRegistryAuth.Completion;

/// <summary>-Method of Invoke-McpMethod: the JSON-RPC methods an MCP client sends, matched on the text typed so far.</summary>
internal sealed class McpMethodCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = (wordToComplete ?? "").Trim('\'', '"');
        return McpMethodInvoker.KnownMethods
            .Where(m => m.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(m => new CompletionResult(m, m, CompletionResultType.ParameterValue, m))
            .ToList();
    }
}
