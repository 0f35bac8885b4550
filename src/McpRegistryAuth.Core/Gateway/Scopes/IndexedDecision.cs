namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>An allocation-free decision from the ScopeIndex; <see cref="ScopeIndex.Explain"/> turns it into a ScopeDecision.</summary>
public readonly struct IndexedDecision
{
    internal IndexedDecision(bool allowed, ServerScope? scope, ScopeRule? rule, ScopeGrantBranch branch, string? failure)
    {
        Allowed = allowed;
        Scope = scope;
        Rule = rule;
        Branch = branch;
        Failure = failure;
    }

    public bool Allowed { get; }

    /// <summary>The scope that granted or failed; null when no rule matched.</summary>
    public ServerScope? Scope { get; }

    /// <summary>The rule that granted or failed; null when nothing matched or the scope itself failed.</summary>
    public ScopeRule? Rule { get; }

    public ScopeGrantBranch Branch { get; }

    /// <summary>Why evaluation raised (deny on error); null otherwise.</summary>
    public string? Failure { get; }
}
