namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// One scope prepared for the index: for each server name the rules that can matter for it, in rule
/// order (its own rules merged with the '*' rules and the rules that always raise), and the same
/// '*'/raising rules alone for every other server. No rule is reordered or merged across scopes, so the
/// first grant and the first failure are the gateway's.
/// </summary>
internal sealed class CompiledScope
{
    private static readonly CompiledRule[] NoRules = Array.Empty<CompiledRule>();

    private readonly Dictionary<string, CompiledRule[]> byServer;

    public CompiledScope(ServerScope scope)
    {
        Scope = scope;
        IterationFailure = scope.IterationFailure;
        var exact = new Dictionary<string, List<CompiledRule>>(StringComparer.Ordinal);
        var everywhere = new List<CompiledRule>();
        foreach (var rule in scope.Rules)
        {
            if (rule.AlwaysFailsBecause is not null)
            {
                everywhere.Add(new CompiledRule(rule));
                continue;
            }

            if (rule.Shape != ScopeRuleShape.ServerRule)
            {
                continue;
            }

            var server = rule.NormalizedServer!;
            if (server == "*")
            {
                everywhere.Add(new CompiledRule(rule));
            }
            else
            {
                if (!exact.TryGetValue(server, out var list))
                {
                    exact[server] = list = new List<CompiledRule>(1);
                }

                list.Add(new CompiledRule(rule));
            }
        }

        Everywhere = everywhere.Count == 0 ? NoRules : everywhere.ToArray();
        byServer = new Dictionary<string, CompiledRule[]>(exact.Count, StringComparer.Ordinal);
        foreach (var (server, rules) in exact)
        {
            byServer[server] = Everywhere.Length == 0 ? rules.ToArray() : Merge(rules, Everywhere);
        }
    }

    public ServerScope Scope { get; }

    public string Name => Scope.Name;

    public string? IterationFailure { get; }

    /// <summary>Rules examined for a server no rule names exactly.</summary>
    public CompiledRule[] Everywhere { get; }

    public CompiledRule[] RulesFor(string normalizedServer) => byServer.TryGetValue(normalizedServer, out var rules) ? rules : Everywhere;

    private static CompiledRule[] Merge(List<CompiledRule> first, CompiledRule[] second)
    {
        var merged = new CompiledRule[first.Count + second.Length];
        int i = 0, j = 0, k = 0;
        while (i < first.Count && j < second.Length)
        {
            merged[k++] = first[i].Index < second[j].Index ? first[i++] : second[j++];
        }

        while (i < first.Count)
        {
            merged[k++] = first[i++];
        }

        while (j < second.Length)
        {
            merged[k++] = second[j++];
        }

        return merged;
    }
}
