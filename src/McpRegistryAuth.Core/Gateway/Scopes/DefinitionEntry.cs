namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>One key of a mapping with the line and column the key was written at.</summary>
public sealed record DefinitionEntry(string Key, DefinitionValue Value, int Line, int Column);
