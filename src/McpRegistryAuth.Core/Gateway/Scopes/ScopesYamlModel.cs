namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The scopes.yml semantics of the V124 file backend, applied to a parsed document: <c>group_mappings</c>
/// maps a group to scope names; every top-level key (UI-Scopes and group_mappings included) is a scope
/// whose raw value is what <c>get_server_scopes</c> returns, with no flattening.
/// </summary>
public static class ScopesYamlModel
{
    public const string GroupMappingsKey = "group_mappings";
    public const string UiScopesKey = "UI-Scopes";

    public static ScopeDefinitions Build(DefinitionValue? root, string source, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (root is null || root.Kind == DefinitionValueKind.Null || (root.Kind == DefinitionValueKind.Mapping && root.Entries.Count == 0))
        {
            if (!findings.Any(f => f.Severity == FindingSeverity.Error))
            {
                findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.Empty, Message = "The scopes file is empty: no group mapping and no scope, so FGAC denies every MCP request.", File = source, Fix = "Start from the default scopes.yml layout (UI-Scopes, group_mappings, one key per scope)." });
            }

            return new ScopeDefinitions(ScopeSourceKind.ScopesYaml, source, Array.Empty<ServerScope>(), Array.Empty<GroupMapping>(), findings);
        }

        if (root.Kind != DefinitionValueKind.Mapping)
        {
            findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.NotAMapping, Message = $"The top level of scopes.yml must be a mapping (group_mappings, UI-Scopes and one key per scope); found a {root.PythonType}.", File = root.File ?? source, Line = NullIfZero(root.Line), Fix = "Start from the default scopes.yml layout." });
            return new ScopeDefinitions(ScopeSourceKind.ScopesYaml, source, Array.Empty<ServerScope>(), Array.Empty<GroupMapping>(), findings);
        }

        var scopes = new List<ServerScope>();
        var mappings = new List<GroupMapping>();
        foreach (var entry in root.Entries)
        {
            if (entry.Key == GroupMappingsKey)
            {
                mappings.AddRange(ReadGroupMappings(entry.Value, source, findings));
            }

            scopes.Add(BuildScope(entry, findings));
        }

        if (!root.Has(GroupMappingsKey))
        {
            findings.Add(new Finding { Severity = FindingSeverity.Warning, Code = ScopeFindingCodes.BadGroupMappings, Message = "scopes.yml has no group_mappings: no IdP group maps to any scope, so only callers with scopes in their token get access.", File = source, Fix = "Add group_mappings: {<group>: [<scope>, ...]}." });
        }

        var defined = new HashSet<string>(scopes.Count, StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            defined.Add(scope.Name);
        }

        // Each undefined scope once per group, in list order; most groups have none.
        HashSet<string>? reported = null;
        foreach (var mapping in mappings)
        {
            reported?.Clear();
            foreach (var scope in mapping.Scopes)
            {
                if (defined.Contains(scope) || !(reported ??= new HashSet<string>(StringComparer.Ordinal)).Add(scope))
                {
                    continue;
                }

                findings.Add(new Finding { Severity = FindingSeverity.Info, Code = ScopeFindingCodes.UndefinedScope, Message = $"group '{mapping.Group}' maps to scope '{scope}', which has no top-level key: it grants no server access (UI permissions may still use it).", File = mapping.File, Line = NullIfZero(mapping.Line), Path = $"{GroupMappingsKey}.{mapping.Group}", Fix = $"Add a '{scope}:' key with server rules, or remove it from the mapping." });
            }
        }

        return new ScopeDefinitions(ScopeSourceKind.ScopesYaml, source, scopes, mappings, findings);
    }

    private static ServerScope BuildScope(DefinitionEntry entry, List<Finding> findings)
    {
        var value = entry.Value;
        var name = entry.Key;
        switch (value.Kind)
        {
            case DefinitionValueKind.List:
                var rules = new List<ScopeRule>(value.Items.Count);
                foreach (var item in value.Items)
                {
                    var rule = new ScopeRule(name, rules.Count, item);
                    ScopeRuleLinter.Lint(rule, findings);
                    if (rule.Shape == ScopeRuleShape.NeverMatches && (item.Has("access_rules") || item.Has("agents")))
                    {
                        findings.Add(new Finding { Severity = FindingSeverity.Info, Code = ScopeFindingCodes.RuleNeverMatches, Message = item.Has("access_rules") ? $"scope '{name}', rule {rule.Index}: the file backend does not expand access_rules groups, so the rules inside never match." : $"scope '{name}', rule {rule.Index}: the legacy agents: form grants no MCP server access.", File = item.File, Line = NullIfZero(item.Line), Path = $"{name}[{rule.Index}]" });
                    }

                    rules.Add(rule);
                }

                return new ServerScope(name, rules, value.File, entry.Line);
            default:
                // What the file backend hands FGAC when this key is requested as a scope.
                // FGAC skips a falsy value (`if not scope_config: continue`): an empty key, '', {}, 0 or false.
                var failure = value.Kind switch
                {
                    _ when ScopeRule.IsFalsy(value) => null,
                    DefinitionValueKind.Mapping => "the value is a mapping: iterating it yields its keys (strings), and 'str' object has no attribute 'get'",
                    DefinitionValueKind.String => "the value is a string: iterating it yields characters, and 'str' object has no attribute 'get'",
                    _ => $"the value is {value} ({value.PythonType}), which cannot be iterated",
                };
                if (failure is not null && name is not (GroupMappingsKey or UiScopesKey))
                {
                    findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.ScopeNotAList, Message = $"scope '{name}': {failure}. FGAC raises when it reaches this scope and denies the request, even when another scope would grant it.", File = value.File, Line = NullIfZero(entry.Line), Path = name, Fix = "Give the scope a list of rules: - server: <name>, methods: [...], tools: [...]." });
                }

                return new ServerScope(name, Array.Empty<ScopeRule>(), value.File, entry.Line, iterationFailure: failure);
        }
    }

    private static IEnumerable<GroupMapping> ReadGroupMappings(DefinitionValue value, string source, List<Finding> findings)
    {
        if (value.Kind == DefinitionValueKind.Null)
        {
            yield break;
        }

        if (value.Kind != DefinitionValueKind.Mapping)
        {
            findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.BadGroupMappings, Message = $"group_mappings is a {value.PythonType}, not a mapping of group -> [scopes]; no group maps to any scope.", File = value.File ?? source, Line = NullIfZero(value.Line), Path = GroupMappingsKey, Fix = "Write group_mappings: {<group>: [<scope>, ...]}." });
            yield break;
        }

        foreach (var entry in value.Entries)
        {
            var scopes = new List<string>();
            var list = entry.Value;
            if (list.Kind == DefinitionValueKind.List)
            {
                foreach (var item in list.Items)
                {
                    if (item.Kind == DefinitionValueKind.String)
                    {
                        scopes.Add(item.Text!);
                    }
                    else
                    {
                        findings.Add(new Finding { Severity = FindingSeverity.Warning, Code = ScopeFindingCodes.BadGroupMappings, Message = $"group '{entry.Key}' maps to {item} ({item.PythonType}), which is not a scope name.", File = item.File, Line = NullIfZero(item.Line), Path = $"{GroupMappingsKey}.{entry.Key}", Fix = "Quote the scope name." });
                    }
                }
            }
            else if (list.Kind != DefinitionValueKind.Null)
            {
                findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.BadGroupMappings, Message = $"group '{entry.Key}' maps to a {list.PythonType} ({MaybeShort(list)}), not a list of scope names; it is treated as mapping to nothing.", File = list.File, Line = NullIfZero(entry.Line), Path = $"{GroupMappingsKey}.{entry.Key}", Fix = $"Write {entry.Key}: [<scope>, ...]." });
            }

            yield return new GroupMapping(entry.Key, scopes, value.File, entry.Line);
        }
    }

    private static string MaybeShort(DefinitionValue value) => McpScopesLoader.Shorten(value);

    private static int? NullIfZero(int line) => line > 0 ? line : null;
}
