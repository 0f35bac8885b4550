using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using McpRegistryAuth.Core.ToolHive;

namespace McpRegistryAuth.Completion;

/// <summary>-AuthMode: the values thv-registry-api serve --auth-mode accepts (the parameter takes any text, to test a wrong one).</summary>
internal sealed class AuthModeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionNames.Matching(ToolHiveAuthMode.All, wordToComplete);
}
