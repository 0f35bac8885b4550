namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// One rule map of a role: every claim key must match (AND). Keys are already lower-cased as the
/// server sees them; values keep only their string elements (other values never match).
/// </summary>
public sealed record ToolHiveRoleRule(IReadOnlyList<ToolHiveClaimCondition> Conditions, int? Line = null);

/// <summary>One key of a rule map: the claim (lower-cased) must hold any of <see cref="Values"/>.</summary>
public sealed record ToolHiveClaimCondition(string Claim, IReadOnlyList<string> Values, string WrittenClaim);
