namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The A2A invoke check /validate runs instead of FGAC on <c>/agent/&lt;path&gt;</c> (auth_server/server.py, the
/// agent-invocation branch of validate_request): the caller may invoke when its scopes or groups hold an admin
/// name, or one of its scopes has an agent rule <c>{agent: &lt;path&gt;|"*"|"all", actions: [... "invoke_agent"|"all"|"*"]}</c>.
/// </summary>
public static class AgentInvokeRule
{
    /// <summary>Scope or group names that may invoke every agent.</summary>
    public static readonly IReadOnlyList<string> AdminNames = ["mcp-registry-admin", "registry-admins"];

    private static readonly string[] InvokeActions = ["invoke_agent", "all", "*"];

    public static string DeniedDetail(string agentPath) => $"Access denied to agent {agentPath} - no invoke scope";

    /// <summary>
    /// True or false as the gateway decides; null when it cannot be decided here (scopes or definitions unknown
    /// and no admin name among what is known). One check says why.
    /// </summary>
    public static bool? Decide(string agentPath, IReadOnlyList<string>? scopes, IReadOnlyList<string> groups, ScopeDefinitions? definitions, List<Check> checks)
    {
        ArgumentNullException.ThrowIfNull(agentPath);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(checks);
        var expected = $"an admin scope or group ({string.Join(", ", AdminNames)}), or an agent rule for '{agentPath}', '*' or 'all' with invoke_agent, 'all' or '*' in actions";
        var admin = (scopes ?? []).Concat(groups).FirstOrDefault(n => AdminNames.Contains(n, StringComparer.Ordinal));
        if (admin is not null)
        {
            checks.Add(new Check(ScopeCheckNames.AgentInvoke, true, $"'{admin}' may invoke every agent", expected));
            return true;
        }

        if (scopes is null || definitions is null)
        {
            checks.Add(new Check(ScopeCheckNames.AgentInvoke, false, "not evaluated: needs the scope definitions", expected,
                "Give -ScopesPath to see whether one of the caller's scopes has an agent rule that allows invoke_agent."));
            return null;
        }

        foreach (var scope in scopes)
        {
            foreach (var rule in definitions.Find(scope)?.Rules ?? [])
            {
                if (rule.Value.Get("agent") is { IsString: true } agent && (agent.Text == agentPath || agent.Text is "*" or "all")
                    && rule.Value.Get("actions") is { } actions && InvokeActions.Any(a => actions.Contains(a) == Membership.Yes))
                {
                    checks.Add(new Check(ScopeCheckNames.AgentInvoke, true, $"scope '{scope}' rule {rule.Index}: agent {agent}, actions {actions}", expected));
                    return true;
                }
            }
        }

        checks.Add(new Check(ScopeCheckNames.AgentInvoke, false, scopes.Count == 0 ? "no effective scope" : $"no agent rule in {string.Join(", ", scopes.Select(s => $"'{s}'"))} allows invoking '{agentPath}'", expected,
            $"Add an agent rule {{agent: '{agentPath}', actions: [invoke_agent]}} to one of the caller's scopes, or map its group to such a scope."));
        return false;
    }
}
