namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Which test of <c>validate_server_tool_access</c> granted the request.</summary>
public enum ScopeGrantBranch
{
    /// <summary>The method is in <c>methods</c> (and is not tools/call).</summary>
    MethodListed,

    /// <summary><c>methods</c> holds <c>all</c> or <c>*</c> (every method except tools/call).</summary>
    MethodWildcard,

    /// <summary>tools/call with a tool name that is in <c>tools</c>.</summary>
    ToolListed,

    /// <summary><c>tools</c> holds <c>all</c> or <c>*</c>.</summary>
    ToolWildcard,

    /// <summary>The method itself is listed under <c>tools</c> (the gateway's "backward compatibility" branch; also tools/call without a tool name).</summary>
    MethodListedUnderTools,

    /// <summary>A generic-proxy request's HTTP verb is in <c>methods</c>, compared case-insensitively (release 1.32).</summary>
    HttpVerbListed,

    /// <summary><c>methods</c> holds <c>http:*</c>, which grants every HTTP verb on a generic-proxy request (release 1.32).</summary>
    HttpVerbWildcard,
}
