namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// /validate's decision for a generic-proxy request (release 1.32): a resource-bound token is refused, a
/// session cookie may not send a state-changing verb (unless GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES=false),
/// then FGAC checks the verb against the entity's key with <see cref="HttpVerbMethods"/>. Release 1.30 has no
/// generic proxy: the same key and verb go through the MCP rule (where <c>*</c> and <c>tools</c> grant it).
/// </summary>
public static class GenericProxyAccess
{
    /// <summary>The 403 detail for a cookie-authenticated write on a generic route.</summary>
    public const string CookieWriteRefused = "State-changing requests to proxied resources require a Bearer token (cookie auth refused as a CSRF defense)";

    /// <summary>
    /// The 403 detail for a resource-bound token on a generic route. Not confirmed: the generic branch of
    /// /validate was not among the upstream sources read, so this is the text the resource-token gate gives a
    /// blocked endpoint (validate_request, check_resource_token_allowed), assumed to be the one it gives here too.
    /// </summary>
    public const string ResourceBoundRefused = "Resource-bound tokens cannot access this endpoint";

    /// <summary>
    /// The refusals of a generic route that come before FGAC (release 1.32): a resource-bound token, then a
    /// session cookie sending a state-changing verb. Adds a check for each; null when neither refuses.
    /// </summary>
    public static (int Status, string Detail)? Refusal(GenericProxyRequest request, List<Check> checks)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(checks);
        var key = request.ScopeKey;
        var verb = request.Verb;
        checks.Add(new Check(ScopeCheckNames.FgacGenericProxy, true, $"X-Generic-Proxy-Kind {request.EntityType}: key {key}, HTTP verb {verb}", null, "'*' and 'all' in methods grant no HTTP verb; list the verb or 'http:*'."));
        checks.Add(new Check(ScopeCheckNames.FgacGenericResourceBound, !request.ResourceBound, request.ResourceBound ? "the token is bound to a resource" : "not a resource-bound token", "a token without a resource binding", request.ResourceBound ? "Resource-bound tokens are refused on every generic-proxy route: use an unbound token." : null));
        if (request.ResourceBound)
        {
            return (403, ResourceBoundRefused);
        }

        var write = !HttpVerbMethods.IsSafe(verb);
        var refused = request.SessionCookie && write && request.RequireBearerForWrites;
        checks.Add(new Check(
            ScopeCheckNames.FgacGenericCookieWrite,
            !refused,
            request.SessionCookie ? $"session cookie, {verb}{(write ? "" : " (does not change state)")}{(write && !request.RequireBearerForWrites ? ", GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES=false" : "")}" : "bearer token",
            "a bearer token, or GET/HEAD/OPTIONS",
            refused ? "Send the request with Authorization: Bearer <token>, or set GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES=false." : null));
        return refused ? (403, CookieWriteRefused) : null;
    }

    public static ScopeAccessResult Test(ScopeDefinitions definitions, EffectiveScopes scopes, GenericProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(request);
        var key = request.ScopeKey;
        var verb = request.Verb;
        var generic = request.Release >= GatewayRelease.V132;
        var checks = new List<Check>(scopes.Checks);
        var warnings = new List<string>();
        ScopeAccessResult Refuse(string? detail) => new()
        {
            Allowed = false, Status = 403, Server = key, Method = verb, EffectiveScopes = scopes.Scopes, Detail = detail,
            ScopesPath = definitions.Source, Checks = checks, Warnings = warnings,
        };

        if (!generic)
        {
            warnings.Add($"Release {GatewayReleases.Describe(request.Release)} has no generic proxy: this is its MCP rule for the same key and method, where '*', 'all' and tools grant a verb. Release 1.32 refuses that.");
            checks.Add(new Check(ScopeCheckNames.FgacGenericProxy, false, $"release {GatewayReleases.Describe(request.Release)}: no generic proxy; key {key}, method {verb} checked as an MCP method", "release 1.32"));
        }
        else if (Refusal(request, checks) is { } refusal)
        {
            return Refuse(refusal.Detail) with { Status = refusal.Status };
        }

        if (scopes.Scopes.Count == 0)
        {
            checks.Add(new Check(ScopeCheckNames.FgacScopes, false, "no effective scope", "at least one scope", "/validate denies before FGAC."));
            return Refuse(ScopeAccessTester.NoScopesDetail(key, verb));
        }

        var decision = ScopeEvaluator.Decide(definitions, scopes.Scopes, key, verb, null, isHttpVerb: generic);
        checks.AddRange(decision.Checks);
        return new ScopeAccessResult
        {
            Allowed = decision.Allowed, Status = decision.Allowed ? 200 : 403, Server = key, Method = verb, EffectiveScopes = scopes.Scopes,
            GrantedBy = decision.Grant, DeniedOnError = decision.Failure, Detail = decision.Allowed ? null : ScopeAccessTester.DeniedDetail(key, verb),
            ScopesPath = definitions.Source, Checks = checks, Warnings = warnings,
        };
    }
}
