namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Stable names of the checks about a gateway caller's scopes and the FGAC decision.</summary>
public static class ScopeCheckNames
{
    /// <summary>The scopes of a static key, mapped from its groups at startup.</summary>
    public const string Scopes = "Gateway.Scopes";

    /// <summary>Scopes given directly rather than mapped from groups.</summary>
    public const string Direct = "Gateway.Scopes.Direct";

    /// <summary>Where the gateway takes an authenticated token's scopes from (the token's scopes or its groups).</summary>
    public const string Source = "Gateway.Scopes.Source";

    /// <summary>The groups map to at least one scope through group_mappings.</summary>
    public const string GroupMapping = "Gateway.Scopes.GroupMapping";

    /// <summary>A token given to Test-ScopeAccess is a JWT whose claims name the caller's groups or scopes.</summary>
    public const string TokenClaims = "Gateway.Scopes.TokenClaims";

    /// <summary>The registry re-maps the caller's groups to scopes itself (it ignores X-Scopes).</summary>
    public const string RegistryGroupScopes = "Gateway.Registry.GroupScopes";

    /// <summary>REGISTRY_ROOT_PATH is removed from the path before the server name is read.</summary>
    public const string FgacRootPath = "Gateway.Fgac.RootPath";

    /// <summary>The server name FGAC reads from the request path.</summary>
    public const string FgacServerFromPath = "Gateway.Fgac.ServerFromPath";

    /// <summary>The request body is JSON-RPC.</summary>
    public const string FgacBody = "Gateway.Fgac.Body";

    /// <summary>The method and tool FGAC reads from the request.</summary>
    public const string FgacMethodFromRequest = "Gateway.Fgac.MethodFromRequest";

    /// <summary>The caller has at least one effective scope (/validate denies before FGAC otherwise).</summary>
    public const string FgacScopes = "Gateway.Fgac.Scopes";

    /// <summary>A scope is defined and has a rule for the server.</summary>
    public const string FgacScope = "Gateway.Fgac.Scope";

    /// <summary>A scope or rule that raises when examined: the gateway then denies the request.</summary>
    public const string FgacDenyOnError = "Gateway.Fgac.DenyOnError";

    /// <summary>One rule of a scope grants or does not grant the method and tool.</summary>
    public const string FgacRule = "Gateway.Fgac.Rule";

    /// <summary>FGAC's answer for the request at /validate.</summary>
    public const string FgacDecision = "Gateway.Fgac.Decision";

    /// <summary>The MCP proxy hop's own decision for the same request.</summary>
    public const string FgacProxyHop = "Gateway.Fgac.ProxyHop";

    /// <summary>A generic-proxy request (X-Generic-Proxy-Kind, release 1.32): the scope key and the HTTP verb FGAC checks.</summary>
    public const string FgacGenericProxy = "Gateway.Fgac.GenericProxy";

    /// <summary>A generic-proxy request that changes state is refused to session-cookie callers (CSRF defense) unless GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES=false.</summary>
    public const string FgacGenericCookieWrite = "Gateway.Fgac.GenericProxy.CookieWrite";

    /// <summary>A resource-bound token is refused on every generic-proxy route.</summary>
    public const string FgacGenericResourceBound = "Gateway.Fgac.GenericProxy.ResourceBound";

    /// <summary>A per-tool block (release 1.31 and later) overrides every grant: the tool is hidden from tools/list and tools/call fails.</summary>
    public const string FgacToolBlocked = "Gateway.Fgac.ToolBlocked";

    /// <summary>Where the effective scopes of an authenticated token are not known, so FGAC is not evaluated (scope definitions needed).</summary>
    public const string FgacNotEvaluated = "Gateway.Fgac.NotEvaluated";

    /// <summary>On an A2A path (/agent/...): the caller may invoke the agent (an admin name, or an agent rule with invoke_agent).</summary>
    public const string AgentInvoke = "Gateway.Agent.Invoke";
}
