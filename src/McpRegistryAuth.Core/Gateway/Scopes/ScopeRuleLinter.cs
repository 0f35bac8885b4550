namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Findings about one rule that change what FGAC does with it (substring tests, deny on error, non-wildcards).</summary>
internal static class ScopeRuleLinter
{
    private static readonly HashSet<string> KnownRuleKeys = new(StringComparer.Ordinal)
    {
        "server", "methods", "tools", "agent", "actions", "agents", "access_rules", "scope_name", "description",
    };

    public static void Lint(ScopeRule rule, List<Finding> findings)
    {
        if (rule.AlwaysFailsBecause is { } always)
        {
            findings.Add(Make(FindingSeverity.Warning, ScopeFindingCodes.RuleDeniesOnError, rule.Value,
                $"{Where(rule)}: {always}. FGAC raises when it reaches this rule and denies the request, even when a later rule or scope would grant it.",
                "Write the rule as a mapping with a string server, a list of methods and a list of tools.", rule.Scope));
            return;
        }

        if (rule.Shape == ScopeRuleShape.NotAMapping)
        {
            return;
        }

        var entries = rule.Value.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!KnownRuleKeys.Contains(entry.Key))
            {
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Warning,
                    Code = ScopeFindingCodes.UnknownKey,
                    Message = $"{Where(rule)}: key '{entry.Key}' is not read by the gateway (expected server, methods, tools, or agent/actions).",
                    File = rule.File,
                    Line = entry.Line,
                    Column = entry.Column,
                    Path = $"{rule.Scope}[{rule.Index}].{entry.Key}",
                    Fix = "Remove the key or correct its spelling.",
                });
            }
        }

        if (rule.Shape == ScopeRuleShape.NeverMatches)
        {
            return;
        }

        var server = rule.NormalizedServer!;
        if (server == "all")
        {
            findings.Add(Make(FindingSeverity.Warning, ScopeFindingCodes.ServerAllIsNotWildcard, rule.Server!,
                $"{Where(rule)}: server 'all' is not a wildcard in FGAC (only '*' is); it matches only a server named 'all'. The registry's own resolver does treat it as a wildcard.",
                "Use server: '*' for every server.", rule.Scope));
        }
        else if (rule.ServerIsNeverRequested)
        {
            findings.Add(Make(FindingSeverity.Info, ScopeFindingCodes.ServerV01NeverMatches, rule.Server!,
                $"{Where(rule)}: server 'v0.1' never matches: requests to /v0.1/... are checked as server 'v0.1/<rest of path>' (e.g. 'v0.1/servers').",
                "Add rules for the exact servers (e.g. v0.1/servers) or use a '*' server rule.", rule.Scope));
        }

        LintField(rule, rule.Methods, "methods", findings);
        LintField(rule, rule.Tools, "tools", findings);
    }

    // Built only for a Finding: most rules have none.
    private static string Where(ScopeRule rule) => $"scope '{rule.Scope}', rule {rule.Index}";

    private static void LintField(ScopeRule rule, DefinitionValue? value, string name, List<Finding> findings)
    {
        if (value is null)
        {
            return;
        }

        switch (value.Kind)
        {
            case DefinitionValueKind.String when value.Text is not ("*" or "all"):
                findings.Add(Make(FindingSeverity.Warning, ScopeFindingCodes.SubstringMatch, value,
                    $"{Where(rule)}: {name} is the string {value}, not a list, so the gateway tests it by substring: any name contained in it matches (and a value containing 'all' or '*' is a wildcard).",
                    $"Write {name} as a list: [{value.Text}].", $"{rule.Scope}[{rule.Index}].{name}"));
                break;
            case DefinitionValueKind.Null or DefinitionValueKind.Number or DefinitionValueKind.Boolean or DefinitionValueKind.Timestamp:
                findings.Add(Make(FindingSeverity.Warning, ScopeFindingCodes.RuleDeniesOnError, value,
                    $"{Where(rule)}: {name} is {value} ({value.PythonType}); testing membership in it raises, so every request to a server this rule matches is denied unless an earlier rule granted it.",
                    $"Write {name} as a list, or remove the key (a missing {name} means []).", $"{rule.Scope}[{rule.Index}].{name}"));
                break;
            case DefinitionValueKind.List:
                foreach (var item in value.Items)
                {
                    if (item.Kind == DefinitionValueKind.String)
                    {
                        continue;
                    }

                    findings.Add(Make(FindingSeverity.Warning, ScopeFindingCodes.WrongType, item,
                        $"{Where(rule)}: {name} holds {item} ({item.PythonType}), which never equals a name.",
                        "Quote the value so it is a string.", $"{rule.Scope}[{rule.Index}].{name}"));
                }

                break;
        }
    }

    private static Finding Make(FindingSeverity severity, string code, DefinitionValue at, string message, string fix, string path) => new()
    {
        Severity = severity,
        Code = code,
        Message = message,
        File = at.File,
        Line = at.Line == 0 ? null : at.Line,
        Column = at.Column == 0 ? null : at.Column,
        Path = path,
        Fix = fix,
    };
}
