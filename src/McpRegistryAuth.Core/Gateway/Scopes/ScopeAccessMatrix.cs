namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The audit view of a whole definition: for every group, every scope it maps to and every rule of that
/// scope, what the rule admits. With a catalog, '*' servers and wildcard or substring tools are expanded
/// into the concrete servers and tools they admit.
/// </summary>
public static class ScopeAccessMatrix
{
    public static IEnumerable<ScopeAccessRow> Build(ScopeDefinitions definitions, IReadOnlyCollection<string>? groups = null, ServerCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var (group, scopeName) in GroupScopes(definitions, groups))
        {
            var scope = definitions.Find(scopeName);
            if (scope is null)
            {
                continue;
            }

            if (scope.IterationFailure is not null)
            {
                yield return new ScopeAccessRow { Group = group, Scope = scopeName, MatchKind = MatchKind.DeniesOnError, File = scope.File, Line = LineOrNull(scope.Line), Note = scope.IterationFailure };
                continue;
            }

            foreach (var rule in scope.Rules)
            {
                foreach (var row in RuleRows(group, rule, catalog))
                {
                    yield return row;
                }
            }
        }
    }

    /// <summary>Each (group, scope) pair the matrix lists, in mapping order; a scope no group maps to comes with an empty group when no group was asked for.</summary>
    internal static IEnumerable<(string Group, string Scope)> GroupScopes(ScopeDefinitions definitions, IReadOnlyCollection<string>? groups)
    {
        var wanted = groups is { Count: > 0 } ? new HashSet<string>(groups, StringComparer.Ordinal) : null;
        if (definitions.SourceKind == ScopeSourceKind.ScopesYaml)
        {
            var mapped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var mapping in definitions.GroupMappingList)
            {
                foreach (var scope in mapping.Scopes.Distinct(StringComparer.Ordinal))
                {
                    mapped.Add(scope);
                    if (wanted is null || wanted.Contains(mapping.Group))
                    {
                        yield return (mapping.Group, scope);
                    }
                }
            }

            if (wanted is null)
            {
                foreach (var scope in definitions.Scopes.Where(s => !mapped.Contains(s.Name) && s.Name is not (ScopesYamlModel.GroupMappingsKey or ScopesYamlModel.UiScopesKey)))
                {
                    yield return ("", scope.Name);
                }
            }

            yield break;
        }

        foreach (var scope in definitions.Scopes)
        {
            var scopeGroups = scope.GroupMappings.Distinct(StringComparer.Ordinal).Where(g => wanted is null || wanted.Contains(g)).ToList();
            foreach (var group in scopeGroups)
            {
                yield return (group, scope.Name);
            }

            if (scope.GroupMappings.Count == 0 && wanted is null)
            {
                yield return ("", scope.Name);
            }
        }
    }

    private static IEnumerable<ScopeAccessRow> RuleRows(string group, ScopeRule rule, ServerCatalog? catalog)
    {
        // A rule FGAC never reaches for any request keeps its rows, so the audit shows what was meant, each marked as never applying.
        var never = rule.ServerIsNeverRequested;
        ScopeAccessRow Row(string? server, string? method, string? tool, MatchKind kind, bool fromCatalog = false, string? note = null) => new()
        {
            Group = group, Scope = rule.Scope, Rule = rule.Index, Server = server, Method = method, Tool = tool, MatchKind = never ? MatchKind.NeverMatches : kind,
            FromCatalog = fromCatalog, File = rule.File, Line = LineOrNull(rule.Line), Note = never ? NeverRequestedNote : note,
        };

        if (rule.AlwaysFailsBecause is { } always)
        {
            yield return Row(rule.Server?.ToString(), null, null, MatchKind.DeniesOnError, note: always);
            yield break;
        }

        if (rule.Shape != ScopeRuleShape.ServerRule)
        {
            yield break;
        }

        var ruleServer = rule.Server!.Text!;
        var servers = rule.IsServerWildcard && catalog is not null
            ? catalog.ToolsByServer.Keys.Select(s => (Name: s, FromCatalog: true)).ToList()
            : new List<(string Name, bool FromCatalog)> { (rule.IsServerWildcard ? "*" : ruleServer, false) };

        foreach (var (server, serverFromCatalog) in servers)
        {
            if (rule.Methods is { Kind: DefinitionValueKind.Null or DefinitionValueKind.Number or DefinitionValueKind.Boolean or DefinitionValueKind.Timestamp } badMethods)
            {
                yield return Row(server, null, null, MatchKind.DeniesOnError, serverFromCatalog, $"methods is {badMethods} ({badMethods.PythonType})");
                continue;
            }

            foreach (var row in MethodRows(rule, server, serverFromCatalog, Row))
            {
                yield return row;
            }

            if (rule.Tools is { Kind: DefinitionValueKind.Null or DefinitionValueKind.Number or DefinitionValueKind.Boolean or DefinitionValueKind.Timestamp } badTools)
            {
                yield return Row(server, null, null, MatchKind.DeniesOnError, serverFromCatalog, $"tools is {badTools} ({badTools.PythonType}): raises for every method the methods do not grant");
                continue;
            }

            foreach (var row in ToolRows(rule, server, serverFromCatalog, catalog, Row))
            {
                yield return row;
            }
        }
    }

    private static IEnumerable<ScopeAccessRow> MethodRows(ScopeRule rule, string server, bool fromCatalog, Func<string?, string?, string?, MatchKind, bool, string?, ScopeAccessRow> row)
    {
        var methods = rule.Methods;
        if (methods is null)
        {
            yield break;
        }

        if (methods.Kind == DefinitionValueKind.String)
        {
            var wildcard = methods.Contains("all") == Membership.Yes || methods.Contains("*") == Membership.Yes;
            yield return row(server, wildcard ? "*" : methods.Text, null, wildcard ? MatchKind.AllButToolsCall : MatchKind.Substring, fromCatalog, $"methods is the string {methods}: any method it contains matches");
            yield break;
        }

        var names = methods.Kind == DefinitionValueKind.Mapping ? methods.Entries.Select(e => e.Key) : methods.Items.Where(i => i.IsString).Select(i => i.Text!);
        foreach (var method in names)
        {
            if (method is "all" or "*")
            {
                yield return row(server, "*", null, MatchKind.AllButToolsCall, fromCatalog, null);
            }
            else if (method == ScopeEvaluator.ToolsCall)
            {
                yield return row(server, method, null, MatchKind.NoEffect, fromCatalog, "tools/call in methods grants nothing: the tool must be in tools");
            }
            else
            {
                yield return row(server, method, null, MatchKind.Exact, fromCatalog, null);
            }
        }
    }

    private static IEnumerable<ScopeAccessRow> ToolRows(ScopeRule rule, string server, bool fromCatalog, ServerCatalog? catalog, Func<string?, string?, string?, MatchKind, bool, string?, ScopeAccessRow> row)
    {
        var tools = rule.Tools;
        if (tools is null)
        {
            yield break;
        }

        var catalogTools = catalog is not null && server != "*" ? catalog.ToolsOf(server) : null;
        var wildcard = tools.Contains("all") == Membership.Yes || tools.Contains("*") == Membership.Yes;
        if (wildcard)
        {
            var note = tools.IsString && tools.Text is not ("*" or "all") ? $"tools is the string {tools}, which contains 'all' or '*'" : "every tool, and every other method";
            if (catalogTools is { Count: > 0 })
            {
                foreach (var tool in catalogTools)
                {
                    yield return row(server, ScopeEvaluator.ToolsCall, tool, MatchKind.Wildcard, true, note);
                }
            }
            else
            {
                yield return row(server, "*", "*", MatchKind.Wildcard, fromCatalog, note);
            }

            yield break;
        }

        if (tools.Kind == DefinitionValueKind.String)
        {
            if (catalogTools is not null)
            {
                foreach (var tool in catalogTools.Where(t => tools.Text!.Contains(t, StringComparison.Ordinal)))
                {
                    yield return row(server, ScopeEvaluator.ToolsCall, tool, MatchKind.Substring, true, $"'{tool}' is contained in {tools}");
                }
            }
            else
            {
                yield return row(server, ScopeEvaluator.ToolsCall, tools.Text, MatchKind.Substring, fromCatalog, $"tools is the string {tools}: any tool name it contains matches");
            }

            yield break;
        }

        var names = tools.Kind == DefinitionValueKind.Mapping ? tools.Entries.Select(e => e.Key) : tools.Items.Where(i => i.IsString).Select(i => i.Text!);
        foreach (var tool in names)
        {
            yield return row(server, ScopeEvaluator.ToolsCall, tool, MatchKind.Exact, fromCatalog, tool.Contains('/') ? $"also grants the method '{tool}' (a method listed under tools is allowed)" : null);
        }
    }

    private const string NeverRequestedNote = "server 'v0.1' is never requested: /v0.1/... requests are checked as server 'v0.1/<rest of path>' (FGA015)";

    private static int? LineOrNull(int line) => line > 0 ? line : null;
}
