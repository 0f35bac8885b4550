namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Completes a gateway verdict with the scopes from a scope definition: a
/// REGISTRY_API_KEYS key gets the scopes its groups map to at startup; for every accepted verdict the
/// registry's own re-mapping of the groups is shown, since the registry ignores X-Scopes.
/// </summary>
public static class GatewayVerdictScopes
{
    public static Verdict Apply(Verdict verdict, ScopeDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(definitions);
        if (verdict.RegistryType != RegistryType.Gateway || !verdict.Accepted || verdict.Groups is null)
        {
            return verdict;
        }

        var checks = verdict.Checks.Where(c => c.Name != ScopeCheckNames.Scopes).ToList();
        var hints = verdict.Hints.ToList();
        var scopes = verdict.Scopes;
        var mapped = definitions.MapGroupsToScopes(verdict.Groups);
        var groupsText = string.Join(", ", verdict.Groups);
        if (scopes is null)
        {
            scopes = mapped;
            checks.Add(StaticKeyScopes.Check(definitions, verdict.Identity, verdict.Groups, mapped));
        }

        checks.Add(new Check(
            ScopeCheckNames.RegistryGroupScopes,
            mapped.Count > 0,
            $"the registry re-maps groups [{groupsText}] to [{string.Join(", ", mapped)}]",
            "scopes for the caller's groups in the definitions",
            mapped.Count > 0 ? null : "The registry ignores X-Scopes and maps the groups itself: with no mapping, /api/* endpoints answer 403 although /validate says 200."));
        if (verdict.AuthMethod == "network-trusted")
        {
            hints.Add("Static tokens skip FGAC at /validate; the scopes matter to the registry's own permission checks.");
        }

        return verdict with { Scopes = scopes, Checks = checks, Hints = hints };
    }
}
