namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// Limits and semantics for loading one server's YAML. The limits exist so a hostile or broken
/// file (alias bomb, huge input, deep nesting) costs bounded time and memory.
/// </summary>
public sealed record YamlLoadOptions
{
    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Most nodes the document may hold after expanding every alias.</summary>
    public long MaxExpandedNodes { get; init; } = 100_000;

    /// <summary>
    /// Most characters of scalar text the document may hold after expanding every alias: a few nodes
    /// can carry megabytes each, so nodes alone do not bound the cost.
    /// </summary>
    public long MaxExpandedChars { get; init; } = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public int MaxDepth { get; init; } = 64;

    public DuplicateKeyPolicy DuplicateKeys { get; init; } = DuplicateKeyPolicy.Error;

    /// <summary>Name of the server for messages, e.g. "ToolHive Registry Server".</summary>
    public string ServerName { get; init; } = "the server";

    /// <summary>ToolHive Registry Server config (viper + go-yaml v3: a duplicate key stops the load).</summary>
    public static YamlLoadOptions ToolHive { get; } = new()
    {
        DuplicateKeys = DuplicateKeyPolicy.Error,
        ServerName = "ToolHive Registry Server",
    };

    /// <summary>The gateway's scopes.yml (PyYAML safe_load: the last duplicate wins).</summary>
    public static YamlLoadOptions GatewayScopes { get; } = new()
    {
        DuplicateKeys = DuplicateKeyPolicy.LastWinsWithWarning,
        ServerName = "MCP Gateway Registry",
    };
}
