namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The gateway's FGAC verdict for one request, explained. Status and Detail are /validate's (the client
/// sees 403 <c>{"error": "Access forbidden"}</c>; Detail is in the auth server's log). Hop is the MCP
/// proxy's second check where the request reaches it.
/// </summary>
public sealed record ScopeAccessResult
{
    public required bool Allowed { get; init; }

    /// <summary>/validate's status for the FGAC stage: 200, 403, or 400/413 for a body it cannot read.</summary>
    public required int Status { get; init; }

    public string? Server { get; init; }

    public required string Method { get; init; }

    public string? Tool { get; init; }

    public required IReadOnlyList<string> EffectiveScopes { get; init; }

    public ScopeGrant? GrantedBy { get; init; }

    /// <summary>Where evaluation raised and so denied (deny on error).</summary>
    public ScopeEvaluationFailure? DeniedOnError { get; init; }

    /// <summary>The gateway's denial text, e.g. <c>Access denied to currenttime.tools/call</c>.</summary>
    public string? Detail { get; init; }

    public ScopeAccessHop? Hop { get; init; }

    /// <summary>The tool a per-tool block denies even though a scope grants it (release 1.31 and later).</summary>
    public string? BlockedTool { get; init; }

    /// <summary>The scope definitions file or folder.</summary>
    public string? ScopesPath { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = Array.Empty<Check>();

    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}
