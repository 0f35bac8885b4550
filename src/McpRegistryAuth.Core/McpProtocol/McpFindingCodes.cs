namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>Findings of an MCP connection test (MCP0xx).</summary>
public static class McpFindingCodes
{
    /// <summary>tools/list returned no tool: behind the gateway, most often a scope key that does not match the server name.</summary>
    public const string NoTools = "MCP001";

    /// <summary>The predicted FGAC verdict for a tool differs from what the gateway answered.</summary>
    public const string PredictionDisagrees = "MCP002";

    /// <summary>resources/list or prompts/list failed though the server announced the capability.</summary>
    public const string ListFailed = "MCP003";

    /// <summary>A called tool answered with isError or a JSON-RPC error.</summary>
    public const string ToolFailed = "MCP004";
}
