namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Where FGAC raised ("deny on error"): the scope, the rule (null when the scope itself could not be
/// iterated) and why. The gateway catches the exception and denies the whole request.
/// </summary>
public sealed record ScopeEvaluationFailure(string Scope, int? RuleIndex, string Reason, string? File, int? Line)
{
    public override string ToString() => $"{Scope}{(RuleIndex is null ? "" : $"[{RuleIndex}]")}: {Reason}";
}
