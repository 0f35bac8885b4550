namespace McpRegistryAuth.Core.Yaml;

/// <summary>What the server's YAML parser does with a key written twice in one mapping.</summary>
public enum DuplicateKeyPolicy
{
    /// <summary>The parser refuses the file (go-yaml v3, used by ToolHive through viper).</summary>
    Error,

    /// <summary>The later value replaces the earlier one (PyYAML, used by the gateway); we still warn.</summary>
    LastWinsWithWarning,
}
