namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// What the MCP proxy hop (<c>POST /mcp-proxy/&lt;path&gt;/</c>, server.py:6789-6910) re-derives from the exact
/// forwarded body before it authorizes again. RejectStatus is set when the hop refuses before FGAC
/// (405 for anything but POST, 403 for a body that is not one JSON object).
/// </summary>
public sealed record ProxyHopTarget
{
    public required string ServerName { get; init; }

    /// <summary>The body's <c>method</c>, or <c>initialize</c> when there is no body or no method.</summary>
    public required string Method { get; init; }

    public string? ToolName { get; init; }

    public int? RejectStatus { get; init; }

    public string? RejectDetail { get; init; }
}
