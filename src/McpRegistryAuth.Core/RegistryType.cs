namespace McpRegistryAuth.Core;

/// <summary>The three server families whose rules the module reproduces.</summary>
public enum RegistryType
{
    /// <summary>MCP Gateway Registry (agentic-community).</summary>
    Gateway,

    /// <summary>ToolHive Registry Server.</summary>
    ToolHive,

    /// <summary>toolregistry-server (bearer tokens from a token file).</summary>
    ToolRegistry,
}
