namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The FGAC decision made fast: each scope's rules are grouped by normalised server name with the '*'
/// rules and the always-raising rules merged in rule order. Scope order, rule order, the first grant
/// and the points where the gateway raises are all kept, so every verdict equals
/// <see cref="ScopeEvaluator"/>'s; there is deliberately no union across scopes, which would turn a
/// "deny on error" into a grant.
/// </summary>
public sealed class ScopeIndex
{
    private readonly Dictionary<string, CompiledScope> scopes;

    private ScopeIndex(ScopeDefinitions definitions)
    {
        Definitions = definitions;
        scopes = new Dictionary<string, CompiledScope>(definitions.Scopes.Count, StringComparer.Ordinal);
        foreach (var scope in definitions.Scopes)
        {
            scopes.TryAdd(scope.Name, new CompiledScope(scope));
        }
    }

    public ScopeDefinitions Definitions { get; }

    public static ScopeIndex Build(ScopeDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return new ScopeIndex(definitions);
    }

    /// <summary>Resolves a caller's scopes once; reuse the set for many decisions.</summary>
    public ScopeSet Resolve(IReadOnlyList<string> scopeNames)
    {
        ArgumentNullException.ThrowIfNull(scopeNames);
        var resolved = new List<CompiledScope>(scopeNames.Count);
        foreach (var name in scopeNames)
        {
            if (scopes.TryGetValue(name, out var scope))
            {
                resolved.Add(scope);
            }
        }

        return new ScopeSet(scopeNames, resolved.ToArray());
    }

    /// <summary>The first grant or failure in scope and rule order; <paramref name="isHttpVerb"/> as in <see cref="ScopeEvaluator.Decide"/>.</summary>
    public IndexedDecision Decide(ScopeSet scopeSet, string server, string method, string? tool, bool isHttpVerb = false)
    {
        var target = server.Trim('/');
        if (isHttpVerb)
        {
            return DecideHttpVerb(scopeSet, target, method);
        }

        var isToolsCall = string.Equals(method, ScopeEvaluator.ToolsCall, StringComparison.Ordinal);
        var toolNeedle = isToolsCall && !string.IsNullOrEmpty(tool) ? tool : null;
        foreach (var scope in scopeSet.Scopes)
        {
            if (scope.IterationFailure is not null)
            {
                return new IndexedDecision(false, scope.Scope, null, default, scope.IterationFailure);
            }

            foreach (var rule in scope.RulesFor(target))
            {
                if (rule.AlwaysFailsBecause is not null)
                {
                    return new IndexedDecision(false, scope.Scope, rule.Rule, default, rule.AlwaysFailsBecause);
                }

                var methods = rule.Methods;
                if (methods.IsError)
                {
                    return new IndexedDecision(false, scope.Scope, rule.Rule, default, $"methods is {rule.Rule.Methods} ({rule.Rule.Methods!.PythonType}); 'all' in it raises TypeError");
                }

                if (!isToolsCall)
                {
                    if (methods.Contains(method))
                    {
                        return new IndexedDecision(true, scope.Scope, rule.Rule, ScopeGrantBranch.MethodListed, null);
                    }

                    if (methods.HasWildcard)
                    {
                        return new IndexedDecision(true, scope.Scope, rule.Rule, ScopeGrantBranch.MethodWildcard, null);
                    }
                }

                var tools = rule.Tools;
                if (tools.IsError)
                {
                    return new IndexedDecision(false, scope.Scope, rule.Rule, default, $"tools is {rule.Rule.Tools} ({rule.Rule.Tools!.PythonType}); 'all' in it raises TypeError");
                }

                if (tools.Contains(toolNeedle ?? method))
                {
                    return new IndexedDecision(true, scope.Scope, rule.Rule, toolNeedle is null ? ScopeGrantBranch.MethodListedUnderTools : ScopeGrantBranch.ToolListed, null);
                }

                if (tools.HasWildcard)
                {
                    return new IndexedDecision(true, scope.Scope, rule.Rule, ScopeGrantBranch.ToolWildcard, null);
                }
            }
        }

        return default;
    }

    private static IndexedDecision DecideHttpVerb(ScopeSet scopeSet, string target, string verb)
    {
        foreach (var scope in scopeSet.Scopes)
        {
            if (scope.IterationFailure is not null)
            {
                return new IndexedDecision(false, scope.Scope, null, default, scope.IterationFailure);
            }

            foreach (var rule in scope.RulesFor(target))
            {
                if (rule.AlwaysFailsBecause is not null)
                {
                    return new IndexedDecision(false, scope.Scope, rule.Rule, default, rule.AlwaysFailsBecause);
                }

                var branch = HttpVerbMethods.Test(rule.Rule.Methods, verb, out var failure);
                if (failure is not null)
                {
                    return new IndexedDecision(false, scope.Scope, rule.Rule, default, failure);
                }

                if (branch is { } granted)
                {
                    return new IndexedDecision(true, scope.Scope, rule.Rule, granted, null);
                }
            }
        }

        return default;
    }

    /// <summary>The decision in the shape the evaluator gives (grant or failure with file and line; no per-rule checks).</summary>
    public ScopeDecision Explain(IndexedDecision decision, string method, string? tool)
    {
        if (decision.Allowed)
        {
            var rule = decision.Rule!;
            var field = decision.Branch is ScopeGrantBranch.MethodListed or ScopeGrantBranch.MethodWildcard or ScopeGrantBranch.HttpVerbListed or ScopeGrantBranch.HttpVerbWildcard ? rule.Methods : rule.Tools;
            var needle = decision.Branch switch
            {
                ScopeGrantBranch.MethodListed or ScopeGrantBranch.MethodListedUnderTools or ScopeGrantBranch.HttpVerbListed => method,
                ScopeGrantBranch.HttpVerbWildcard => HttpVerbMethods.Wildcard,
                ScopeGrantBranch.ToolListed => tool!,
                _ => field?.Contains("all") == Membership.Yes ? "all" : "*",
            };
            var substring = field is { Kind: DefinitionValueKind.String } && field.Text != needle;
            return new ScopeDecision { Allowed = true, Grant = new ScopeGrant(rule.Scope, rule.Index, decision.Branch, substring, rule.File, rule.Line > 0 ? rule.Line : null) };
        }

        if (decision.Failure is not null)
        {
            var scope = decision.Scope!;
            var rule = decision.Rule;
            var line = rule?.Line ?? scope.Line;
            return new ScopeDecision { Allowed = false, Failure = new ScopeEvaluationFailure(scope.Name, rule?.Index, decision.Failure, rule?.File ?? scope.File, line > 0 ? line : null) };
        }

        return new ScopeDecision { Allowed = false };
    }
}
