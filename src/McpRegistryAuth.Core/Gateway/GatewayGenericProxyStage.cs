using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// What /validate decides for a request nginx sends from a generic-proxy location (release 1.32,
/// X-Generic-Proxy-Kind set): in place of the MCP server path's FGAC, <see cref="GenericProxyAccess"/> with the
/// entity's key and the HTTP verb (a resource-bound token and a cookie-authenticated write refused first), then
/// the token_kind gate of a self-signed token. There is no MCP proxy hop: the generic hop checks its own token.
/// </summary>
internal static class GatewayGenericProxyStage
{
    public static Verdict Apply(Verdict authenticated, JsonObjectView? selfSignedClaims, GatewayRequest request, GenericProxyTarget target, StaticTokenConfig config, ScopeDefinitions? definitions)
    {
        var location = NginxLocation.For(request.Path, config.RootPath);
        var cookie = GatewayPaths.HasSessionCookie(request);
        if (!authenticated.Accepted)
        {
            return CookieOnly(authenticated, request, target, config, location, cookie);
        }

        if (authenticated.AuthMethod is null or GatewayAuthPipeline.NetworkTrustedMethod or GatewayAuthPipeline.FederationStaticMethod)
        {
            return authenticated;
        }

        var checks = authenticated.Checks.ToList();
        var warnings = authenticated.Warnings.ToList();
        var groups = authenticated.Groups ?? [];
        var scopes = GatewayAccessStage.EffectiveScopes(authenticated, groups, definitions, warnings);
        var verdict = authenticated with { Scopes = scopes?.Scopes ?? authenticated.Scopes };
        var generic = target.Request(request.Method, sessionCookie: false, resourceBound: selfSignedClaims?.GetString("token_kind") == "resource", config.Release);
        if (cookie && !HttpVerbMethods.IsSafe(generic.Verb) && target.RequireBearerForWrites)
        {
            warnings.Add($"A {GatewayPaths.SessionCookieName} cookie is present: the gateway tries the session before the bearer token, and a valid session sending {generic.Verb} here gets 403 '{GenericProxyAccess.CookieWriteRefused}'. This verdict assumes the cookie is not valid.");
        }

        ScopeAccessResult? access = null;
        Verdict Refuse(int status, string detail, IEnumerable<string>? hints = null) =>
            AccessRefusal.Of(verdict with { Warnings = warnings, ScopeAccess = access, Hints = [.. verdict.Hints, .. hints ?? []] }, status, detail, checks, location);

        if (scopes is not null && (definitions is not null || scopes.Scopes.Count == 0))
        {
            access = GenericProxyAccess.Test(definitions ?? ScopeDefinitions.None, scopes, generic);
            checks.AddRange(access.Checks);
            warnings.AddRange(access.Warnings);
            if (!access.Allowed)
            {
                var detail = access.Detail ?? ScopeAccessTester.DeniedDetail(generic.ScopeKey, generic.Verb);
                return Refuse(access.Status, detail, access.EffectiveScopes.Count > 0 && access.DeniedOnError is null && access.GrantedBy is null && detail.StartsWith("Access denied", StringComparison.Ordinal)
                    ? [$"None of the scopes {string.Join(", ", access.EffectiveScopes.Select(s => $"'{s}'"))} grants {generic.Verb} on '{generic.ScopeKey}': add a rule for server '{generic.ScopeKey}' whose methods list '{generic.Verb}' or '{HttpVerbMethods.Wildcard}' ('*' and 'all' grant no HTTP verb)."]
                    : null);
            }
        }
        else
        {
            checks.AddRange(scopes?.Checks ?? []);
            if (GenericProxyAccess.Refusal(generic, checks) is { } refusal)
            {
                return Refuse(refusal.Status, refusal.Detail);
            }

            checks.Add(new Check(ScopeCheckNames.FgacNotEvaluated, false, scopes is null ? "the token's groups map to scopes through the scope definitions, which were not given" : "scope definitions not given",
                $"FGAC for key '{generic.ScopeKey}', HTTP verb {generic.Verb}", "Give -ScopesPath (scopes.yml or an mcp_scopes export) to see /validate's FGAC answer for this proxied entity."));
            warnings.Add($"FGAC decides {generic.Verb} on '{generic.ScopeKey}' after authentication; without scope definitions it is not evaluated, so this 200 is provisional.");
            verdict = verdict with { IsProvisional = true };
        }

        if (selfSignedClaims is not null && TokenKindGate.Refusal(selfSignedClaims, request.OriginalUrl, config.RootPath, checks) is { } kindRefusal)
        {
            return Refuse(403, kindRefusal);
        }

        return verdict with { Checks = checks, Warnings = warnings, ScopeAccess = access };
    }

    // A request with only a session cookie is not authenticated here (the session store is the server's): an
    // invalid cookie gets the pipeline's 401, and a valid one sending a state-changing verb the CSRF refusal.
    private static Verdict CookieOnly(Verdict unauthenticated, GatewayRequest request, GenericProxyTarget target, StaticTokenConfig config, NginxLocation location, bool cookie)
    {
        if (!cookie || unauthenticated.FallsThroughTo != FallThroughTarget.Session || unauthenticated.Detail != ValidateResponse.MissingBearerDetail)
        {
            return unauthenticated;
        }

        var checks = unauthenticated.Checks.ToList();
        if (GenericProxyAccess.Refusal(target.Request(request.Method, sessionCookie: true, resourceBound: false, config.Release), checks) is not { } refusal)
        {
            return unauthenticated;
        }

        var assumed = unauthenticated with
        {
            IsProvisional = true,
            Warnings = [.. unauthenticated.Warnings.Where(w => w != GatewayAuthPipeline.CookieAssumedInvalidWarning), $"The {GatewayPaths.SessionCookieName} cookie is not evaluated: this 403 is the answer for a valid session; an invalid one gets 401 '{ValidateResponse.MissingBearerDetail}'."],
        };
        return AccessRefusal.Of(assumed, refusal.Status, refusal.Detail, checks, location);
    }
}
