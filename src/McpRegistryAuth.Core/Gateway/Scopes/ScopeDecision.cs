namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The result of <c>validate_server_tool_access(server, method, tool, scopes)</c>: Allowed, and either the
/// grant, the failure that denied it, or neither (no rule matched). Checks explain each scope examined.
/// </summary>
public sealed record ScopeDecision
{
    public required bool Allowed { get; init; }

    public ScopeGrant? Grant { get; init; }

    public ScopeEvaluationFailure? Failure { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = Array.Empty<Check>();
}
