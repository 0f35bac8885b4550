namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>The HTTP transports of MCP the client speaks.</summary>
public enum McpTransportKind
{
    /// <summary>Streamable HTTP (protocol 2025-03-26 and later): POST to one endpoint, JSON or SSE answers, Mcp-Session-Id.</summary>
    StreamableHttp,

    /// <summary>The older HTTP+SSE transport (2024-11-05): a GET event stream that names the endpoint to POST to.</summary>
    Sse,

    /// <summary>Streamable HTTP first, then SSE when that fails (the SDK's detection).</summary>
    AutoDetect,
}
