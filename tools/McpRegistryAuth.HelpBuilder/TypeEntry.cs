namespace McpRegistryAuth.HelpBuilder;

/// <summary>An input or output type with its description.</summary>
public sealed record TypeEntry(string TypeName, IReadOnlyList<string> Description);
