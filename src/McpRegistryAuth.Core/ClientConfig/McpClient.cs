namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>The MCP clients whose configuration files Export-McpClientConfig writes.</summary>
public enum McpClient
{
    VSCode,
    ClaudeCode,
    Cursor,
    Windsurf,
    RooCode,
    Cline,
    ClaudeDesktop,

    /// <summary>The gateway's own generated .oauth-tokens/vscode_mcp.json ({"mcp": {"servers": ...}}).</summary>
    GatewayVSCode,

    /// <summary>The gateway's own generated .oauth-tokens/mcp.json (Roo Code shape).</summary>
    GatewayRoo,
}

/// <summary>Which of a client's files: the user's, the project's (shared), or the user's for one project only (Claude Code).</summary>
public enum ConfigScope
{
    User,
    Project,
    Local,
}
