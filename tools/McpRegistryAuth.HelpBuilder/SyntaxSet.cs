namespace McpRegistryAuth.HelpBuilder;

/// <summary>One parameter set from the SYNTAX section: its name and the syntax line as written.</summary>
/// <param name="Name">Set name without the " (Default)" marker; <c>__AllParameterSets</c> for a single set.</param>
/// <param name="SyntaxText">The fenced syntax block, which orders the parameters in Get-Help's syntax.</param>
public sealed record SyntaxSet(string Name, bool IsDefault, string SyntaxText);
