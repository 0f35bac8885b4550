namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Per-tool blocks (release 1.31, so <see cref="GatewayRelease.V132"/> here): an operator blocks single tools of a
/// server (<c>POST /api/servers/toggle-tool/{path}</c>; <c>SECURITY_ALLOW_UNSAFE_SERVERS=true</c> blocks flagged
/// tools one by one). A block overrides admin and wildcard grants: the tool is hidden from tools/list and
/// tools/call fails. validate_server_tool_access (auth_server 046eec77) has no block test, so /validate's Status
/// stays what FGAC answered and only Allowed (the end-to-end answer) turns false. The blocked tool names are given by the caller: how the registry stores a block in its
/// server data was not found in the gateway's code read here.
/// </summary>
public static class ToolBlocks
{
    /// <summary>The result with the block applied: a granted tools/call of a blocked tool becomes a denial.</summary>
    public static ScopeAccessResult Apply(ScopeAccessResult result, IReadOnlyCollection<string>? blockedTools, GatewayRelease release)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (blockedTools is null || blockedTools.Count == 0)
        {
            return result;
        }

        var warnings = new List<string>(result.Warnings);
        if (release < GatewayRelease.V132)
        {
            warnings.Add($"Release {GatewayReleases.Describe(release)} has no per-tool blocks (they are new in 1.31): -BlockedTool is ignored.");
            return result with { Warnings = warnings };
        }

        if (result.Method == "tools/list")
        {
            warnings.Add($"tools/list hides the blocked tool(s) {string.Join(", ", blockedTools.Select(t => $"'{t}'"))}, whatever the scopes grant.");
            return result with { Warnings = warnings };
        }

        if (result.Method != ScopeEvaluator.ToolsCall || string.IsNullOrEmpty(result.Tool))
        {
            return result;
        }

        var blocked = blockedTools.Contains(result.Tool, StringComparer.Ordinal);
        var checks = new List<Check>(result.Checks)
        {
            new(
                ScopeCheckNames.FgacToolBlocked,
                !blocked,
                blocked
                    ? $"tool '{result.Tool}' of {result.Server} is blocked{(result.GrantedBy is { } grant ? $", overriding the grant by {grant}" : "")}"
                    : $"tool '{result.Tool}' is not blocked",
                "a tool that is not blocked",
                blocked ? "A per-tool block overrides admin and wildcard grants. Unblock it with POST /api/servers/toggle-tool/{path} if the call should work." : null),
        };
        return blocked
            ? result with { Allowed = false, BlockedTool = result.Tool, Checks = checks }
            : result with { Checks = checks };
    }
}
