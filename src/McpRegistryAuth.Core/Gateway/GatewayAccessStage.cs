using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// What /validate decides after it authenticated a token (auth_server/server.py, validate_request, after the
/// provider): the effective scopes, then on an A2A path the agent invoke check or else FGAC for an MCP server
/// path (body checks, no scopes, the scope rules), then the token_kind gate of a self-signed token. Where
/// /validate says 200 the MCP proxy hop re-checks the exact body, and its refusal is what the client sees.
/// Static tokens never come here: /validate answers them straight away.
/// </summary>
internal static class GatewayAccessStage
{
    public static Verdict Apply(Verdict authenticated, JsonObjectView? selfSignedClaims, GatewayRequest request, StaticTokenConfig config, ScopeDefinitions? definitions)
    {
        if (!authenticated.Accepted || authenticated.AuthMethod is null or GatewayAuthPipeline.NetworkTrustedMethod or GatewayAuthPipeline.FederationStaticMethod)
        {
            return authenticated;
        }

        var checks = authenticated.Checks.ToList();
        var warnings = authenticated.Warnings.ToList();
        var location = NginxLocation.For(request.Path, config.RootPath);
        var groups = authenticated.Groups ?? [];
        var scopes = EffectiveScopes(authenticated, groups, definitions, warnings);
        var verdict = authenticated with { Scopes = scopes?.Scopes ?? authenticated.Scopes };
        ScopeAccessResult? access = null;
        Verdict Refuse(int status, string detail) =>
            AccessRefusal.Of(verdict with { Warnings = warnings, ScopeAccess = access }, status, detail, checks, location);

        if (GatewayPaths.AgentPath(request.Path, config.RootPath) is { } agent)
        {
            checks.AddRange(scopes?.Checks ?? []);
            var allowed = AgentInvokeRule.Decide(agent, scopes?.Scopes, groups, definitions, checks);
            if (allowed == false)
            {
                return Refuse(403, AgentInvokeRule.DeniedDetail(agent));
            }

            verdict = verdict with { IsProvisional = verdict.IsProvisional || allowed is null };
        }
        else
        {
            // nginx hands /validate the body (X-Body) only in MCP server blocks; the tester applies the same rule.
            var url = request.OriginalUrl ?? "";
            var target = GatewayRequestReader.ForValidate(url, location.CapturesBody && request.Body is not null ? GatewayRequestReader.XBody(request.Body) : null, registryRootPath: config.RootPath);
            var decidable = definitions is not null || target.RejectStatus is not null || scopes is { Scopes.Count: 0 };
            if (target.ServerName is not null && scopes is not null && decidable)
            {
                access = new ScopeAccessTester(definitions ?? ScopeDefinitions.None)
                    .TestRequest(scopes, url, request.Body, request.Method, registryRootPath: config.RootPath);
                checks.AddRange(access.Checks);
                warnings.AddRange(access.Warnings);
                if (!access.Allowed)
                {
                    verdict = verdict with { Hints = [.. verdict.Hints, .. FgacHint(access, groups)] };
                    return Refuse(access.Status, access.Detail!);
                }
            }
            else if (target.ServerName is not null)
            {
                checks.AddRange(scopes?.Checks ?? []);
                checks.Add(new Check(ScopeCheckNames.FgacNotEvaluated, false, scopes is null ? "the token's groups map to scopes through the scope definitions, which were not given" : "scope definitions not given",
                    $"FGAC for server '{target.ServerName}', method '{target.Method}'", "Give -ScopesPath (scopes.yml or an mcp_scopes export) to see /validate's FGAC answer for this path."));
                warnings.Add($"FGAC decides '{target.ServerName}.{target.Method}' after authentication; without scope definitions it is not evaluated, so this 200 is provisional.");
                verdict = verdict with { IsProvisional = true };
            }
            else
            {
                checks.AddRange(scopes?.Checks ?? []);
            }
        }

        if (selfSignedClaims is not null && TokenKindGate.Refusal(selfSignedClaims, request.OriginalUrl, config.RootPath, checks) is { } refusal)
        {
            return Refuse(403, refusal);
        }

        verdict = verdict with { Checks = checks, Warnings = warnings, ScopeAccess = access };
        return access?.Hop is { Allowed: false } hop ? ProxyHopRefusal(verdict, hop) : verdict;
    }

    /// <summary>
    /// The scopes FGAC examines for this token; null when they come from its groups and no definitions map them.
    /// Group enrichment from the database (M2M clients by client_id) is not evaluated: a warning says when it applies.
    /// </summary>
    internal static EffectiveScopes? EffectiveScopes(Verdict authenticated, IReadOnlyList<string> groups, ScopeDefinitions? definitions, List<string> warnings)
    {
        var method = authenticated.AuthMethod!;
        if (groups.Count == 0 && method != "self_signed" && authenticated.ClientId is not null)
        {
            warnings.Add($"The token carries no groups: the gateway looks its client id '{authenticated.ClientId}' up in the idp_m2m_clients collection and uses the groups found there (not evaluated; this verdict assumes none).");
        }

        var mapsGroups = groups.Count > 0 && EffectiveScopeResolver.GroupMappedMethods.Contains(method);
        if (mapsGroups && definitions is null)
        {
            return null;
        }

        return EffectiveScopeResolver.ForToken(definitions ?? ScopeDefinitions.None, method, null, groups, authenticated.Scopes ?? []);
    }

    private static IEnumerable<string> FgacHint(ScopeAccessResult access, IReadOnlyList<string> groups)
    {
        var what = access.Method == ScopeEvaluator.ToolsCall && !string.IsNullOrEmpty(access.Tool)
            ? $"tool '{access.Tool}' in tools"
            : $"'{access.Method}' in methods";
        if (access.Status != 403)
        {
            yield break;
        }

        if (access.EffectiveScopes.Count == 0)
        {
            yield return groups.Count == 0
                ? "The token carries no groups and no scope the gateway uses: give the user or client a group that group_mappings maps to a scope."
                : $"No scope is mapped to the groups {string.Join(", ", groups.Select(g => $"'{g}'"))}: add them to a scope's group_mappings (names match exactly, case-sensitively).";
        }
        else if (access.DeniedOnError is null)
        {
            yield return $"None of the scopes {string.Join(", ", access.EffectiveScopes.Select(s => $"'{s}'"))} grants {access.Server}.{access.Method}; the Gateway.Fgac checks (-Verbose) show each rule examined. Add a rule for server '{access.Server}' with {what} to one of them, or map the caller's group to a scope that has one.";
        }
    }

    // The hop answers the client itself (FastAPI's {"detail": ...}); /validate's 200 stands as Status.
    private static Verdict ProxyHopRefusal(Verdict verdict, ScopeAccessHop hop) => verdict with
    {
        ClientStatus = hop.Status,
        ClientBody = ValidateResponse.DetailBody(hop.Detail ?? ""),
        DecidedBy = ScopeCheckNames.FgacProxyHop,
        Hints = [.. verdict.Hints, $"/validate lets the request through, but the MCP proxy hop re-checks the exact request and answers {hop.Status}: {hop}."],
    };
}
