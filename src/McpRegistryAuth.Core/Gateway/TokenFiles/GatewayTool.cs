namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>The gateway's own client tools, each of which looks for its token in its own order.</summary>
public enum GatewayTool
{
    /// <summary><c>api/registry_management.py</c>: the <c>--token-file</c>, else <c>get-m2m-token.sh</c>.</summary>
    RegistryManagement,

    /// <summary><c>cli/mcp_utils.py</c>: <c>MCP_AUTH_TOKEN</c>, then <c>./.oauth-tokens/ingress.json</c>.</summary>
    McpUtils,

    /// <summary>The TypeScript CLI (<c>cli/src/auth.ts</c>): <c>MCP_GATEWAY_TOKEN</c>, <c>./.oauth-tokens/ingress.json</c>, <c>~/.mcp/ingress_token</c>.</summary>
    TypeScriptCli,
}
