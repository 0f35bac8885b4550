namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>One HTTP request the MCP client made and what came back (the body only for answers that were not 2xx).</summary>
public sealed record McpExchange
{
    public required string Method { get; init; }

    public required Uri Uri { get; init; }

    /// <summary>The JSON-RPC method in the request body, when there was one.</summary>
    public string? RpcMethod { get; init; }

    /// <summary>The JSON-RPC body sent, when there was one (no token: the token goes in a header).</summary>
    public string? RequestBody { get; init; }

    /// <summary>Null when no answer came (the connection failed or the wait was cancelled).</summary>
    public int? Status { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Whether the request carried an Mcp-Session-Id.</summary>
    public bool SentSession { get; init; }

    /// <summary>Whether the answer carried an Mcp-Session-Id.</summary>
    public bool GotSession { get; init; }

    public double StartedMs { get; init; }

    public double Milliseconds { get; init; }

    public IReadOnlyList<KeyValuePair<string, string[]>> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    public override string ToString() =>
        $"{Method} {Uri.AbsolutePath}{(RpcMethod is null ? "" : $" ({RpcMethod})")} -> {(Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer")}{(ContentType is null ? "" : $" {ContentType}")} in {Milliseconds:0.0} ms";
}
