namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// One scope as FGAC sees it: the rule list <c>get_server_scopes(name)</c> returns, in order.
/// IterationFailure is set when that value cannot be iterated as rules, which makes FGAC deny as soon
/// as it reaches this scope (scopes.yml: a key such as <c>UI-Scopes</c> whose value is a mapping).
/// </summary>
public sealed class ServerScope
{
    public ServerScope(string name, IReadOnlyList<ScopeRule> rules, string? file, int line, IReadOnlyList<string>? groupMappings = null, string? iterationFailure = null)
    {
        Name = name;
        Rules = rules;
        File = file;
        Line = line;
        GroupMappings = groupMappings ?? Array.Empty<string>();
        IterationFailure = iterationFailure;
    }

    public string Name { get; }

    public IReadOnlyList<ScopeRule> Rules { get; }

    public string? File { get; }

    public int Line { get; }

    /// <summary>mcp_scopes only: the groups listed in the document's <c>group_mappings</c>.</summary>
    public IReadOnlyList<string> GroupMappings { get; }

    public string? IterationFailure { get; }
}
