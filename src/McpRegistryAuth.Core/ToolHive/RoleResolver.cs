using System.Text.Json;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The server's role rules (internal/auth/roles.go and authz_middleware.go): a role is held when
/// any rule map matches (OR); a rule map matches when all its keys match (AND) and it is not empty;
/// a key matches when any top-level claim value equals any rule value, exactly.
/// </summary>
public static class RoleResolver
{
    public const string ForbiddenBody = "{\"error\":\"forbidden: insufficient permissions\"}\n";

    /// <summary>GET /v1/me without claims (anonymous mode or a public path): 401 without WWW-Authenticate.</summary>
    public const string AuthenticationRequiredBody = "{\"error\":\"authentication required\"}\n";

    /// <summary>
    /// Roles of a caller. <paramref name="claims"/> null means no claims (anonymous mode or a public path).
    /// Without authz an authenticated caller holds every role; with authz and no claims, none.
    /// </summary>
    public static IReadOnlySet<ToolHiveRole> Resolve(ToolHiveAuthz? authz, JsonElement? claims)
    {
        if (claims is null) return new HashSet<ToolHiveRole>();
        if (authz is null) return Enum.GetValues<ToolHiveRole>().ToHashSet();
        var held = new HashSet<ToolHiveRole>();
        foreach (var (role, rules) in authz.Roles)
        {
            if (rules.Any(rule => Matches(rule, claims.Value))) held.Add(role);
        }

        return held;
    }

    /// <summary>One rule map against the claims: non-empty, and every condition matched.</summary>
    public static bool Matches(ToolHiveRoleRule rule, JsonElement claims) =>
        rule.Conditions.Count > 0 && rule.Conditions.All(c => Matches(c, claims));

    public static bool Matches(ToolHiveClaimCondition condition, JsonElement claims)
    {
        var actual = ClaimValues.Get(claims, condition.Claim);
        return condition.Values.Any(v => actual.Contains(v, StringComparer.Ordinal));
    }

    /// <summary><c>HasRole</c>: superAdmin satisfies every role.</summary>
    public static bool HasRole(IReadOnlySet<ToolHiveRole> roles, ToolHiveRole role) =>
        roles.Contains(ToolHiveRole.SuperAdmin) || roles.Contains(role);

    /// <summary>
    /// <c>RequireRole</c>: passes without authz, and passes when the request has no claims
    /// (anonymous mode or a public path); otherwise 403 unless the role is held.
    /// </summary>
    public static bool RequireRole(ToolHiveAuthz? authz, JsonElement? claims, ToolHiveRole role, out IReadOnlySet<ToolHiveRole> roles)
    {
        roles = Resolve(authz, claims);
        if (authz is null || claims is null) return true;
        return HasRole(roles, role);
    }
}
