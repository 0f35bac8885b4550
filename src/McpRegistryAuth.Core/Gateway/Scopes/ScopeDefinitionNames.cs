namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The names a scope definition holds, for tab completion of -Group, -Scope, -Server, -Method and -Tool:
/// each once, in source order, with a short description. Wildcards ('*', 'all') are not names.
/// </summary>
public static class ScopeDefinitionNames
{
    private static readonly object Gate = new();
    private static (string Path, string Stamp, ScopeDefinitions Definitions)? last;

    /// <summary>
    /// The definitions at a path, kept while the path and its files are unchanged: completion asks on every
    /// Tab press, and a large export takes a while to read.
    /// </summary>
    public static ScopeDefinitions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stamp = Stamp(path);
        lock (Gate)
        {
            if (last is { } cached && cached.Path == path && cached.Stamp == stamp)
            {
                return cached.Definitions;
            }
        }

        var definitions = ScopeDefinitionsLoader.Load(path);
        lock (Gate)
        {
            last = (path, stamp, definitions);
        }

        return definitions;
    }

    /// <summary>Every group some scope is mapped to, described by the scopes it gets.</summary>
    public static IReadOnlyList<(string Name, string Description)> Groups(ScopeDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return definitions.Groups.Select(g => (g, $"group -> scopes {string.Join(", ", definitions.MapGroupsToScopes([g]))}")).ToList();
    }

    /// <summary>Every scope with server rules, described by its rule count and groups.</summary>
    public static IReadOnlyList<(string Name, string Description)> Scopes(ScopeDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return definitions.Scopes
            .Where(s => s.Name is not (ScopesYamlModel.GroupMappingsKey or ScopesYamlModel.UiScopesKey))
            .Select(s => (s.Name, $"scope, {s.Rules.Count} rule(s)"))
            .ToList();
    }

    /// <summary>Every server a rule names (as FGAC compares it, slashes stripped), described by the scopes that name it.</summary>
    public static IReadOnlyList<(string Name, string Description)> Servers(ScopeDefinitions definitions) =>
        Collect(definitions, null, rule => rule.IsServerWildcard ? [] : [rule.NormalizedServer!], "server");

    /// <summary>Every method the rules for <paramref name="server"/> (any server when null, '*' rules included) list, tools/call where they list tools.</summary>
    public static IReadOnlyList<(string Name, string Description)> Methods(ScopeDefinitions definitions, string? server) =>
        Collect(definitions, server, rule => Names(rule.Methods).Concat(Names(rule.Tools).Any() ? [ScopeEvaluator.ToolsCall] : []), "method");

    /// <summary>Every tool the rules for <paramref name="server"/> (any server when null, '*' rules included) list.</summary>
    public static IReadOnlyList<(string Name, string Description)> Tools(ScopeDefinitions definitions, string? server) =>
        Collect(definitions, server, rule => Names(rule.Tools), "tool");

    private static List<(string Name, string Description)> Collect(ScopeDefinitions definitions, string? server, Func<ScopeRule, IEnumerable<string>> names, string what)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var wanted = server?.Trim('/');
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var scope in definitions.Scopes)
        {
            foreach (var rule in scope.Rules.Where(r => r.Shape == ScopeRuleShape.ServerRule && r.NormalizedServer is not null))
            {
                if (wanted is not null && !rule.IsServerWildcard && rule.NormalizedServer != wanted)
                {
                    continue;
                }

                foreach (var name in names(rule))
                {
                    if (!found.TryGetValue(name, out var scopes))
                    {
                        found[name] = scopes = [];
                        order.Add(name);
                    }

                    if (!scopes.Contains(scope.Name))
                    {
                        scopes.Add(scope.Name);
                    }
                }
            }
        }

        return order.Select(n => (n, $"{what} in scopes {string.Join(", ", found[n])}")).ToList();
    }

    // The names a methods or tools value lists: a list's strings or a mapping's keys; a string is a substring test, not a name.
    private static IEnumerable<string> Names(DefinitionValue? value) => value?.Kind switch
    {
        DefinitionValueKind.List => value.Items.Where(i => i.IsString).Select(i => i.Text!).Where(IsName),
        DefinitionValueKind.Mapping => value.Entries.Select(e => e.Key).Where(IsName),
        _ => [],
    };

    private static bool IsName(string name) => name is not ("*" or "all" or "");

    private static string Stamp(string path)
    {
        if (Directory.Exists(path))
        {
            var files = new DirectoryInfo(path).GetFiles();
            return $"{files.Length}:{(files.Length == 0 ? 0 : files.Max(f => f.LastWriteTimeUtc.Ticks))}:{files.Sum(f => f.Length)}";
        }

        var file = new FileInfo(path);
        return file.Exists ? $"{file.LastWriteTimeUtc.Ticks}:{file.Length}" : "";
    }
}
