namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Turns a caller's groups and scopes into the effective scopes FGAC examines (auth_server/server.py:3432-3590, in /validate after the token is validated).
/// </summary>
public static class EffectiveScopeResolver
{
    /// <summary>Auth methods whose groups are mapped, ignoring the token's own scope claim.</summary>
    public static readonly IReadOnlySet<string> GroupMappedMethods = new HashSet<string>(StringComparer.Ordinal) { "keycloak", "entra", "cognito", "okta", "auth0" };

    /// <summary>
    /// For a what-if check: the scopes the groups map to (in the source's mapping order), then the scopes
    /// given directly that are not already there. Neither given: no scope, so nothing is allowed.
    /// </summary>
    public static EffectiveScopes ForCaller(ScopeDefinitions definitions, IReadOnlyList<string>? groups, IReadOnlyList<string>? scopes)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        groups ??= Array.Empty<string>();
        scopes ??= Array.Empty<string>();
        var checks = new List<Check>();
        var mapped = definitions.MapGroupsToScopes(groups);
        if (groups.Count > 0)
        {
            checks.Add(MappingCheck(definitions, groups, mapped));
        }

        var result = new List<string>(mapped);
        var seen = new HashSet<string>(mapped, StringComparer.Ordinal);
        result.AddRange(scopes.Where(seen.Add));
        if (scopes.Count > 0)
        {
            checks.Add(new Check(ScopeCheckNames.Direct, true, $"scopes given: {Join(scopes)}"));
        }

        return new EffectiveScopes { Scopes = result, MappedScopes = mapped, GroupsMapped = groups.Count > 0, Checks = checks };
    }

    /// <summary>
    /// The gateway's choice for an authenticated token: map its groups, or keep its own scope claim. <paramref name="authMethod"/> is
    /// the validation method (keycloak, entra, cognito, okta, auth0, self_signed, session_cookie, ...);
    /// <paramref name="provider"/> the provider name where it differs (pingfederate). Group enrichment from
    /// the database (M2M clients by client_id, the per-provider user-group fallback) is not evaluated: pass the groups the gateway would have.
    /// </summary>
    public static EffectiveScopes ForToken(ScopeDefinitions definitions, string authMethod, string? provider, IReadOnlyList<string> groups, IReadOnlyList<string> tokenScopes)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(authMethod);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(tokenScopes);
        var method = authMethod.ToLowerInvariant();
        var providerName = (provider ?? authMethod).ToLowerInvariant();
        var checks = new List<Check>();
        bool mapGroups;
        string why;
        if (groups.Count > 0 && GroupMappedMethods.Contains(method))
        {
            mapGroups = true;
            why = $"{method} token with groups: the groups are mapped and the token's own scope claim is ignored";
        }
        else if (groups.Count > 0 && tokenScopes.Count == 0 && providerName == "pingfederate")
        {
            mapGroups = true;
            why = "pingfederate token with groups and no scope claim: the groups are mapped";
        }
        else if (method == "session_cookie")
        {
            mapGroups = true;
            why = "session cookie: the scopes are the session groups' mapped scopes";
        }
        else
        {
            mapGroups = false;
            why = groups.Count > 0
                ? $"{method} token: its scope claim is used and its groups are not mapped"
                : "no groups: the token's scope claim is used";
        }

        checks.Add(new Check(ScopeCheckNames.Source, true, why));
        if (!mapGroups)
        {
            return new EffectiveScopes { Scopes = tokenScopes.Distinct(StringComparer.Ordinal).ToList(), GroupsMapped = false, Checks = checks };
        }

        var mapped = definitions.MapGroupsToScopes(groups);
        checks.Add(MappingCheck(definitions, groups, mapped));
        return new EffectiveScopes { Scopes = mapped, MappedScopes = mapped, GroupsMapped = true, Checks = checks };
    }

    private static Check MappingCheck(ScopeDefinitions definitions, IReadOnlyList<string> groups, IReadOnlyList<string> mapped)
    {
        var unmapped = groups.Where(g => definitions.SourceKind == ScopeSourceKind.ScopesYaml
            ? definitions.FindGroup(g) is null
            : !definitions.Scopes.Any(s => s.GroupMappings.Contains(g, StringComparer.Ordinal))).ToList();
        return new Check(
            ScopeCheckNames.GroupMapping,
            mapped.Count > 0,
            $"groups {Join(groups)} -> scopes {Join(mapped)}{(unmapped.Count > 0 ? $"; unmapped (ignored): {Join(unmapped)}" : "")}",
            null,
            unmapped.Count > 0 ? "Group names match exactly and case-sensitively (Entra sends group object IDs)." : null);
    }

    private static string Join(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list.Select(v => $"'{v}'"));
    }
}
