namespace McpRegistryAuth.HelpBuilder;

/// <summary>One example: its title, the PowerShell code, the output shown and the remarks that follow.</summary>
public sealed record ExampleHelp(string Title, string Code, string Output, IReadOnlyList<string> Remarks);
