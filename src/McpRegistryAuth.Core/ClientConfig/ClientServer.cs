namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// One server to write into a client's file, as it arrives: a name and a URL, or a gateway server path
/// (from Get-RegistryServer or the gateway's connect-config answer) that <see cref="McpServerUrl"/> turns
/// into the URL the gateway serves it on.
/// </summary>
public sealed record ClientServer
{
    /// <summary>The entry name in the client's file; defaults to the path without slashes.</summary>
    public string? Name { get; init; }

    /// <summary>An explicit URL (or the server's mcp_endpoint), used as it is.</summary>
    public Uri? Url { get; init; }

    /// <summary>The gateway path ("/currenttime").</summary>
    public string? Path { get; init; }

    /// <summary>connect-config's append_mcp_path: false leaves "/mcp" off.</summary>
    public bool AppendMcpPath { get; init; } = true;

    /// <summary>A server that speaks only SSE ("sse" among supported_transports): "/sse" instead of "/mcp".</summary>
    public bool SseOnly { get; init; }
}

/// <summary>A server ready to write: its entry name, the URL the client calls, and the header the token goes in (null: the credential's).</summary>
public sealed record ResolvedServer(string Name, Uri Url, bool SseOnly, string? HeaderName = null);
