namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>Check names of the gateway tools' token sources (variables and token files), tried in each tool's order.</summary>
public static class GatewayTokenFileCheckNames
{
    /// <summary>A token variable (MCP_AUTH_TOKEN, MCP_GATEWAY_TOKEN): set and not blank.</summary>
    public const string Variable = "Gateway.TokenSource.Variable";

    /// <summary>A token file (.oauth-tokens/ingress.json, ~/.mcp/ingress_token, --token-file): present and holding a token.</summary>
    public const string File = "Gateway.TokenSource.File";

    /// <summary>The token file's expires_at (epoch seconds or ISO-8601): still in the future.</summary>
    public const string ExpiresAt = "Gateway.TokenSource.ExpiresAt";
}
