namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>The MCP proxy hop's own decision for the same request (auth_server/server.py, <c>POST /mcp-proxy/&lt;path&gt;/</c>, which re-checks the exact body), reported beside /validate's.</summary>
public sealed record ScopeAccessHop
{
    public required bool Allowed { get; init; }

    /// <summary>200 when the hop forwards upstream; otherwise its status (403, 405).</summary>
    public required int Status { get; init; }

    public required string Server { get; init; }

    public required string Method { get; init; }

    public string? Tool { get; init; }

    public string? Detail { get; init; }

    public ScopeGrant? GrantedBy { get; init; }

    /// <summary>True when the hop decides otherwise than /validate, or checks another method.</summary>
    public bool DiffersFromValidate { get; init; }

    public override string ToString() => $"{(Allowed ? "allowed" : $"{Status} {Detail}")} ({Server}.{Method}{(Tool is null ? "" : $" tool '{Tool}'")})";
}
