namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Completes a gateway verdict with the scopes from a scope definition: a REGISTRY_API_KEYS key gets the
/// scopes its groups map to at startup; on registry API paths the registry's own re-mapping of the groups is
/// shown, since the registry ignores X-Scopes. A static token whose groups map to nothing passes /validate but
/// the registry refuses it: that 403 is the client's answer.
/// </summary>
public static class GatewayVerdictScopes
{
    /// <summary><paramref name="path"/> is the request path as the auth server sees it (urlparse(X-Original-URL).path), <paramref name="rootPath"/> REGISTRY_ROOT_PATH without trailing '/'.</summary>
    public static Verdict Apply(Verdict verdict, ScopeDefinitions definitions, string path, string rootPath)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(rootPath);
        if (verdict.RegistryType != RegistryType.Gateway || !verdict.Accepted || verdict.Groups is null)
        {
            return verdict;
        }

        var checks = verdict.Checks.Where(c => c.Name != ScopeCheckNames.Scopes).ToList();
        var hints = verdict.Hints.ToList();
        var scopes = verdict.Scopes;
        var mapped = definitions.MapGroupsToScopes(verdict.Groups);
        var groupsText = string.Join(", ", verdict.Groups);
        var isStatic = verdict.AuthMethod == GatewayAuthPipeline.NetworkTrustedMethod;
        string? decidedBy = null;
        if (isStatic && scopes is null)
        {
            scopes = mapped;
            checks.Add(StaticKeyScopes.Check(definitions, verdict.Identity, verdict.Groups, mapped));
            decidedBy = ScopeCheckNames.Scopes;
        }

        // Only the registry (/api/, /v0.1/) re-maps groups; MCP server paths are decided by FGAC on X-Scopes.
        if (!GatewayPaths.IsRegistryApi(path, rootPath))
        {
            return verdict with { Scopes = scopes, Checks = checks, Hints = hints };
        }

        checks.Add(new Check(
            ScopeCheckNames.RegistryGroupScopes,
            mapped.Count > 0,
            $"the registry re-maps groups [{groupsText}] to [{string.Join(", ", mapped)}]",
            "scopes for the caller's groups in the definitions",
            mapped.Count > 0 ? null : "The registry ignores X-Scopes and maps the groups itself: with no mapping, /api/* endpoints answer 403 although /validate says 200."));
        if (isStatic)
        {
            hints.Add("Static tokens skip FGAC at /validate; the scopes matter to the registry's own permission checks.");
        }

        return isStatic && mapped.Count == 0
            ? verdict with { Scopes = scopes, Checks = checks, Hints = hints, ClientStatus = 403, DecidedBy = decidedBy ?? ScopeCheckNames.RegistryGroupScopes }
            : verdict with { Scopes = scopes, Checks = checks, Hints = hints };
    }
}
