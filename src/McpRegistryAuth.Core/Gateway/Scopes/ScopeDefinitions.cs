namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// A loaded set of scope definitions: the scopes in source order, the group mappings, and the problems
/// found while loading. Scope lookup is exact and case-sensitive, as in the gateway.
/// </summary>
public sealed class ScopeDefinitions
{
    private readonly Dictionary<string, ServerScope> byName;
    private readonly Dictionary<string, GroupMapping> groupMappings;
    private IReadOnlyList<string>? groups;

    public ScopeDefinitions(ScopeSourceKind sourceKind, string source, IReadOnlyList<ServerScope> scopes, IReadOnlyList<GroupMapping> groupMappings, IReadOnlyList<Finding> findings)
    {
        SourceKind = sourceKind;
        Source = source;
        Scopes = scopes;
        GroupMappingList = groupMappings;
        Findings = RepeatedFindings.Collapse(findings);
        byName = new Dictionary<string, ServerScope>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            byName.TryAdd(scope.Name, scope);
        }

        this.groupMappings = new Dictionary<string, GroupMapping>(StringComparer.Ordinal);
        foreach (var mapping in groupMappings)
        {
            this.groupMappings[mapping.Group] = mapping;
        }
    }

    /// <summary>No definitions: no scope is defined and no group maps to one (for decisions that need none).</summary>
    public static ScopeDefinitions None { get; } = new(ScopeSourceKind.McpScopes, "(no scope definitions)", [], [], []);

    public ScopeSourceKind SourceKind { get; }

    /// <summary>The file or folder the definitions were read from.</summary>
    public string Source { get; }

    /// <summary>Scopes in source order (scopes.yml: every top-level key; mcp_scopes: document order).</summary>
    public IReadOnlyList<ServerScope> Scopes { get; }

    /// <summary>scopes.yml only: the group_mappings entries in file order (empty for mcp_scopes).</summary>
    public IReadOnlyList<GroupMapping> GroupMappingList { get; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>
    /// Every group some scope is mapped to, once, in source order: the keys of scopes.yml's
    /// group_mappings, or the groups in the documents' group_mappings (the keys of the gateway's
    /// in-memory group_mappings, which its startup line counts).
    /// </summary>
    public IReadOnlyList<string> Groups => groups ??= (SourceKind == ScopeSourceKind.ScopesYaml
        ? GroupMappingList.Select(m => m.Group)
        : Scopes.SelectMany(s => s.GroupMappings)).Distinct(StringComparer.Ordinal).ToList();

    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>The first error when no scope at all could be read, so there is nothing to evaluate; otherwise null.</summary>
    public Finding? NothingReadBecause => Scopes.Count == 0 ? Findings.FirstOrDefault(f => f.Severity == FindingSeverity.Error) : null;

    /// <summary>The scope FGAC would get for this name; null when the gateway would find none (an empty rule list).</summary>
    public ServerScope? Find(string scopeName) => byName.GetValueOrDefault(scopeName);

    public GroupMapping? FindGroup(string group) => groupMappings.GetValueOrDefault(group);

    /// <summary>
    /// <c>map_groups_to_scopes(groups)</c> as the source's repository does it. scopes.yml: groups in the
    /// order given, then each group's list order. mcp_scopes: the documents whose group_mappings hold any
    /// of the groups, in collection order. Both de-duplicate; unmapped groups are ignored; matching is
    /// exact and case-sensitive.
    /// </summary>
    public IReadOnlyList<string> MapGroupsToScopes(IEnumerable<string> groups)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (SourceKind == ScopeSourceKind.ScopesYaml)
        {
            foreach (var group in groups)
            {
                if (groupMappings.TryGetValue(group, out var mapping))
                {
                    foreach (var scope in mapping.Scopes)
                    {
                        if (seen.Add(scope))
                        {
                            result.Add(scope);
                        }
                    }
                }
            }

            return result;
        }

        var wanted = new HashSet<string>(groups, StringComparer.Ordinal);
        foreach (var scope in Scopes)
        {
            if (scope.GroupMappings.Any(wanted.Contains) && seen.Add(scope.Name))
            {
                result.Add(scope.Name);
            }
        }

        return result;
    }
}
