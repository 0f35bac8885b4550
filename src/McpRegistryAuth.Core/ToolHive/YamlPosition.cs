namespace McpRegistryAuth.Core.ToolHive;

/// <summary>Where a value was written: 1-based line and column.</summary>
public readonly record struct YamlPosition(int Line, int Column);
