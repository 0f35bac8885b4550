using System.Collections;
using System.Management.Automation;

namespace McpRegistryAuth.Completion;

/// <summary>
/// What the module's completers share: reading a parameter already on the command line, and turning the
/// names the core lists into completion results (matched as -like 'word*', quoted where PowerShell needs it).
/// </summary>
internal static class CompletionNames
{
    private static readonly char[] NeedsQuotes = [' ', '\t', '\'', '"', '`', '$', '@', '(', ')', '{', '}', ';', ',', '|', '&', '<', '>', '#'];

    /// <summary>The text of a parameter already on the command line, or null.</summary>
    public static string? Bound(IDictionary fakeBoundParameters, string name)
    {
        var value = fakeBoundParameters.Contains(name) ? fakeBoundParameters[name] : null;
        var text = (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>A path parameter already on the command line, resolved against the current PowerShell location; null when absent.</summary>
    /// <remarks>
    /// Through a script block, which runs in the session that asks for completion: a completer gets no
    /// session state, and the runspace's SessionStateProxy refuses calls while completion runs.
    /// </remarks>
    public static string? BoundPath(IDictionary fakeBoundParameters, string name) =>
        Bound(fakeBoundParameters, name) is { } path
            ? ScriptBlock.Create("$ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($args[0])").Invoke(path).FirstOrDefault()?.BaseObject as string
            : null;

    /// <summary>The names that start with the word typed so far (case-insensitive), in the order given, each once.</summary>
    public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Name, string Description)> names, string wordToComplete)
    {
        var quote = wordToComplete.Length > 0 && wordToComplete[0] is '\'' or '"' ? wordToComplete[0] : (char?)null;
        var pattern = WildcardPattern.Get(WildcardPattern.Escape(wordToComplete.Trim('\'', '"')) + "*", WildcardOptions.IgnoreCase);
        return names
            .DistinctBy(n => n.Name, StringComparer.Ordinal)
            .Where(n => pattern.IsMatch(n.Name))
            .Select(n => new CompletionResult(Quoted(n.Name, quote), n.Name, CompletionResultType.ParameterValue, n.Description));
    }

    private static string Quoted(string name, char? quote) =>
        quote == '"' ? $"\"{name.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$")}\""
        : quote is not null || name.IndexOfAny(NeedsQuotes) >= 0 || name.StartsWith('-') ? $"'{name.Replace("'", "''")}'"
        : name;
}
