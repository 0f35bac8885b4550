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
        var rules = scope.Rules;
        var exact = new List<CompiledRule>(rules.Count);
        var everywhere = new List<CompiledRule>();
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.AlwaysFailsBecause is not null)
            {
                everywhere.Add(new CompiledRule(rule));
                continue;
            }

            if (rule.Shape != ScopeRuleShape.ServerRule)
            {
                continue;
            }

            if (rule.NormalizedServer == "*")
            {
                everywhere.Add(new CompiledRule(rule));
            }
            else
            {
                exact.Add(new CompiledRule(rule));
            }
        }

        Everywhere = everywhere.Count == 0 ? NoRules : everywhere.ToArray();
        // Usually one rule per server: arrays of one, grown in rule order when a server repeats.
        byServer = new Dictionary<string, CompiledRule[]>(exact.Count, StringComparer.Ordinal);
        foreach (var rule in exact)
        {
            var server = rule.Rule.NormalizedServer!;
            byServer[server] = byServer.TryGetValue(server, out var earlier) ? [.. earlier, rule] : [rule];
        }

        if (Everywhere.Length > 0)
        {
            foreach (var server in byServer.Keys.ToArray())
            {
                byServer[server] = Merge(byServer[server], Everywhere);
            }
        }
    }

    public ServerScope Scope { get; }

    public string Name => Scope.Name;

    public string? IterationFailure { get; }

    /// <summary>Rules examined for a server no rule names exactly.</summary>
    public CompiledRule[] Everywhere { get; }

    public CompiledRule[] RulesFor(string normalizedServer) => byServer.TryGetValue(normalizedServer, out var rules) ? rules : Everywhere;

    private static CompiledRule[] Merge(CompiledRule[] first, CompiledRule[] second)
    {
        var merged = new CompiledRule[first.Length + second.Length];
        int i = 0, j = 0, k = 0;
        while (i < first.Length && j < second.Length)
        {
            merged[k++] = first[i].Index < second[j].Index ? first[i++] : second[j++];
        }

        while (i < first.Length)
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
