namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Loads <c>mcp_scopes</c> documents as exported from MongoDB/DocumentDB: a JSON array
/// (<c>mongoexport --jsonArray</c>), JSON Lines (mongoexport's default), the registry UI's Data Export
/// (<c>GET /api/export/scopes</c>: <c>scope_name</c> in place of <c>_id</c>, under <c>scopes</c> or as the
/// array the UI saves), <c>registry_management.py import-group</c> files, or a folder of one-document files
/// read in the order the seeding code inserts them. Document order is kept: it is the collection order the
/// gateway's group lookup returns.
/// </summary>
public static class McpScopesLoader
{
    /// <summary>Largest file read; an export of 10,000 servers and 1,000 groups is a few megabytes.</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    private static readonly HashSet<string> KnownDocumentKeys = new(StringComparer.Ordinal)
    {
        IdKey, "group_mappings", "server_access", "ui_permissions", "description", "is_idp_managed",
        "created_at", "updated_at", "created_by", "updated_by", "name",

        // The export's and import-group's name for _id, and the import request's own keys (cli/examples):
        // the import reads them, FGAC never does.
        ScopeNameKey, "scope_type", "create_in_idp", "custom_scopes",
    };

    /// <summary>
    /// The seed documents in the order <c>load-scopes.py</c> inserts them (scripts/*.json); a folder's other
    /// files follow in ordinal order of their names.
    /// </summary>
    private static readonly string[] SeedInsertOrder =
    [
        "registry-admins.json", "mcp-registry-admin.json", "mcp-servers-unrestricted-read.json",
        "mcp-servers-unrestricted-execute.json", "federation-service.json",
    ];

    private const string IdKey = "_id";
    private const string ScopeNameKey = "scope_name";

    public static ScopeDefinitions Load(string path)
    {
        var findings = new List<Finding>();
        var documents = new List<DefinitionValue>();
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => SeedRank(Path.GetFileName(f)))
                .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal)
                .ToList();
            foreach (var file in files)
            {
                documents.AddRange(ReadFile(file, findings));
            }

            if (files.Count == 0)
            {
                findings.Add(new Finding { Severity = FindingSeverity.Warning, Code = ScopeFindingCodes.Empty, Message = $"The folder holds no .json, .jsonl or .ndjson file: no scope is defined. The gateway then logs that the scopes collection is EMPTY and all users will be read-only.", File = path, Fix = "Point -ScopesPath at the exported documents." });
            }
        }
        else
        {
            documents.AddRange(ReadFile(path, findings));
        }

        return Build(documents, path, findings);
    }

    /// <summary>Loads mcp_scopes documents from JSON text (an array, JSON Lines, or one document).</summary>
    public static ScopeDefinitions FromJson(string json, string file = "mcp_scopes.json")
    {
        var findings = new List<Finding>();
        return Build(Documents(System.Text.Encoding.UTF8.GetBytes(json), file, findings), file, findings);
    }

    /// <summary>Loads mcp_scopes documents from a file's bytes, already read (<see cref="ReadBytes"/>).</summary>
    public static ScopeDefinitions FromBytes(byte[] bytes, string file, List<Finding> findings) => Build(Documents(bytes, file, findings), file, findings);

    /// <summary>Builds the definitions from documents already parsed, in collection order.</summary>
    public static ScopeDefinitions Build(IEnumerable<DefinitionValue> documents, string source, List<Finding> findings)
    {
        var scopes = new List<ServerScope>();
        var ids = new Dictionary<string, DefinitionValue>(StringComparer.Ordinal);
        var count = 0;
        foreach (var document in documents)
        {
            count++;
            var scope = BuildScope(document, findings);
            if (scope is null)
            {
                continue;
            }

            if (ids.TryGetValue(scope.Name, out var first))
            {
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Error,
                    Code = ScopeFindingCodes.DuplicateId,
                    Message = $"A second document has _id '{scope.Name}' (first at {first.File}:{first.Line}); a collection cannot hold both, so this one is ignored.",
                    File = document.File,
                    Line = document.Line,
                    Path = "_id",
                    Fix = "Keep one document per scope.",
                });
                continue;
            }

            ids[scope.Name] = document;
            scopes.Add(scope);
        }

        if (count == 0 && !findings.Any(f => f.Severity == FindingSeverity.Error || f.Code == ScopeFindingCodes.Empty))
        {
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning,
                Code = ScopeFindingCodes.Empty,
                Message = "No scope document: the gateway logs at startup that it loaded 0 group mappings and the scopes collection is EMPTY, so all users will be read-only, and FGAC denies every MCP request.",
                File = source,
                Fix = "Seed the collection (scripts/*.json through load-scopes.py) and export it again.",
            });
        }

        return new ScopeDefinitions(ScopeSourceKind.McpScopes, source, scopes, Array.Empty<GroupMapping>(), findings);
    }

    private static IEnumerable<DefinitionValue> ReadFile(string file, List<Finding> findings) =>
        ReadBytes(file, findings) is { } bytes ? Documents(bytes, file, findings) : Array.Empty<DefinitionValue>();

    /// <summary>The file's bytes, or null with an Error finding when it is missing, too large or unreadable.</summary>
    public static byte[]? ReadBytes(string file, List<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.Unreadable, Message = $"No such file or folder: {file}", File = file, Fix = "Check -ScopesPath." });
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.TooLarge, Message = $"The file is {info.Length / (1024 * 1024)} MB, more than the {MaxFileBytes / (1024 * 1024)} MB read for scope definitions; it was not read.", File = file, Fix = "Export only the mcp_scopes collection, or split it into a folder of one-document files." });
                return null;
            }

            return Files.BoundedFileReader.ReadAllBytes(file, MaxFileBytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.Unreadable, Message = $"Cannot read {file}: {error.Message}", File = file });
            return null;
        }
    }

    /// <summary>
    /// The documents in a file: a single top-level array is mongoexport --jsonArray (or the array the
    /// registry UI saves); an object holding only a <c>scopes</c> array (and <c>total_count</c>) is the
    /// export endpoint's answer; anything else is one document per value.
    /// </summary>
    private static IReadOnlyList<DefinitionValue> Documents(byte[] bytes, string file, List<Finding> findings)
    {
        var values = JsonDefinitionReader.ReadAll(bytes, file, findings);
        if (values.Count != 1)
        {
            return values;
        }

        var only = values[0];
        if (only.Kind == DefinitionValueKind.List)
        {
            return only.Items;
        }

        return only.Get("scopes") is { Kind: DefinitionValueKind.List } exported && only.Entries.All(e => e.Key is "scopes" or "total_count")
            ? exported.Items
            : values;
    }

    private static int SeedRank(string fileName)
    {
        var rank = Array.IndexOf(SeedInsertOrder, fileName);
        return rank < 0 ? SeedInsertOrder.Length : rank;
    }

    private static ServerScope? BuildScope(DefinitionValue document, List<Finding> findings)
    {
        if (document.Kind != DefinitionValueKind.Mapping)
        {
            findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.NotAMapping, Message = $"A scope document must be a JSON object; found {document.PythonType} {Shorten(document)}. It is ignored.", File = document.File, Line = document.Line, Column = document.Column, Fix = "Each document is one object with _id, group_mappings and server_access." });
            return null;
        }

        // The export and import-group files name the scope scope_name; the collection stores it as _id.
        var idKey = document.Has(IdKey) || !document.Has(ScopeNameKey) ? IdKey : ScopeNameKey;
        var id = document.Get(idKey);
        if (id is not { Kind: DefinitionValueKind.String })
        {
            findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.MissingId, Message = id is null ? "The document has no _id (nor scope_name, as exports and import-group files name it); the scope name is its _id. It is ignored." : $"{idKey} is {Shorten(id)}, not a string; the gateway looks scopes up by their name as _id. It is ignored.", File = document.File, Line = id?.Line ?? document.Line, Path = idKey, Fix = "Set _id to the scope name, e.g. \"registry-users-lob1\"." });
            return null;
        }

        var name = id.Text!;
        foreach (var entry in document.Entries.Where(e => !KnownDocumentKeys.Contains(e.Key)))
        {
            findings.Add(new Finding { Severity = FindingSeverity.Warning, Code = ScopeFindingCodes.UnknownKey, Message = $"scope '{name}': key '{entry.Key}' is not read by the gateway.", File = document.File, Line = entry.Line, Column = entry.Column, Path = $"{name}.{entry.Key}", Fix = "Remove the key or correct its spelling (group_mappings, server_access, ui_permissions)." });
        }

        var groups = ReadGroups(name, document.Get("group_mappings"), findings);
        var access = document.Get("server_access");
        if (access is null)
        {
            return new ServerScope(name, Array.Empty<ScopeRule>(), document.File, document.Line, groups);
        }

        var rules = new List<ScopeRule>();
        var flattened = Flatten(name, access, findings, out var raised);
        if (raised is not null)
        {
            // get_server_scopes catches the error and answers [], so FGAC skips this scope; others still grant.
            findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.ScopeNotAList, Message = $"scope '{name}': flattening server_access raises ({raised}); the gateway catches it and reads the scope as having no rules, so it grants nothing.", File = access.File ?? document.File, Line = access.Line > 0 ? access.Line : document.Line, Path = $"{name}.server_access", Fix = "Make server_access a list of rules {server, methods, tools} or {agent, actions}, with grouped rules under access_rules: [...]." });
            return new ServerScope(name, rules, document.File, document.Line, groups);
        }

        foreach (var entry in flattened)
        {
            var rule = new ScopeRule(name, rules.Count, entry);
            ScopeRuleLinter.Lint(rule, findings);
            rules.Add(rule);
        }

        return new ServerScope(name, rules, document.File, document.Line, groups);
    }

    /// <summary>
    /// <c>_flatten_server_access</c> with Python's operators: for each entry of server_access (a mapping yields its
    /// keys, a string its characters), <c>"access_rules" in entry</c> splices in <c>entry.get("access_rules", [])</c>
    /// as it is; otherwise an entry in which <c>"server"</c> or <c>"agent"</c> is found is kept, whatever its type
    /// (a string containing "server" is kept, and FGAC then denies on it). <c>in</c> is a substring test on a
    /// string, membership on a list and a key test on a mapping; on anything else it raises, as do iterating
    /// a non-iterable and <c>.get</c> on a non-mapping: then <paramref name="raised"/> says why.
    /// </summary>
    private static List<DefinitionValue> Flatten(string scope, DefinitionValue access, List<Finding> findings, out string? raised)
    {
        var rules = new List<DefinitionValue>();
        raised = null;
        var entries = Iterate(access);
        if (entries is null)
        {
            raised = $"server_access is {Shorten(access)} ({access.PythonType}), which cannot be iterated";
            return rules;
        }

        foreach (var entry in entries)
        {
            var grouped = entry.Contains("access_rules");
            if (grouped == Membership.Error)
            {
                raised = $"'\"access_rules\" in' an entry that is {Shorten(entry)} ({entry.PythonType}) raises TypeError";
                return rules;
            }

            if (grouped == Membership.Yes)
            {
                if (entry.Kind != DefinitionValueKind.Mapping)
                {
                    raised = $"an entry {Shorten(entry)} ({entry.PythonType}) holds 'access_rules' but has no .get";
                    return rules;
                }

                var inner = entry.Get("access_rules");
                var items = inner is null ? [] : Iterate(inner);
                if (items is null)
                {
                    raised = $"access_rules is {Shorten(inner!)} ({inner!.PythonType}), which cannot be iterated";
                    return rules;
                }

                rules.AddRange(items);
                continue;
            }

            var server = entry.Contains("server");
            var agent = server == Membership.Yes ? Membership.No : entry.Contains("agent");
            if (server == Membership.Yes || agent == Membership.Yes)
            {
                rules.Add(entry);
            }
            else
            {
                Dropped(scope, entry, findings);
            }
        }

        return rules;
    }

    /// <summary>What iterating the value yields in Python: a list's items, a mapping's keys, a string's characters; null when it raises.</summary>
    private static IReadOnlyList<DefinitionValue>? Iterate(DefinitionValue value) => value.Kind switch
    {
        DefinitionValueKind.List => value.Items,
        DefinitionValueKind.Mapping => value.Entries.Select(e => DefinitionValue.String(e.Key, value.File, e.Line, e.Column)).ToList(),
        DefinitionValueKind.String => Characters(value),
        _ => null,
    };

    private static List<DefinitionValue> Characters(DefinitionValue value)
    {
        var characters = new List<DefinitionValue>();
        var text = value.Text!;
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            characters.Add(DefinitionValue.String(text.Substring(i, width), value.File, value.Line, value.Column));
            i += width - 1;
        }

        return characters;
    }

    private static void Dropped(string scope, DefinitionValue entry, List<Finding> findings) => findings.Add(new Finding
    {
        Severity = FindingSeverity.Info,
        Code = ScopeFindingCodes.RuleNeverMatches,
        Message = $"scope '{scope}': entry {Shorten(entry)} has no server or agent key; the gateway drops it when it flattens server_access, so it grants nothing.",
        File = entry.File,
        Line = entry.Line,
        Column = entry.Column,
        Path = $"{scope}.server_access",
        Fix = "Write agent access as {agent: <path>, actions: [...]} and server access as {server, methods, tools}.",
    });

    private static IReadOnlyList<string> ReadGroups(string scope, DefinitionValue? value, List<Finding> findings)
    {
        if (value is null || value.Kind == DefinitionValueKind.Null)
        {
            return Array.Empty<string>();
        }

        // MongoDB's $in also matches a plain string field by equality.
        if (value.Kind == DefinitionValueKind.String)
        {
            return new[] { value.Text! };
        }

        if (value.Kind != DefinitionValueKind.List)
        {
            findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.BadGroupMappings, Message = $"scope '{scope}': group_mappings is {Shorten(value)} ({value.PythonType}), not a list of group names; no group gets this scope.", File = value.File, Line = value.Line, Path = $"{scope}.group_mappings", Fix = "Write group_mappings as a list of IdP group names or group object IDs." });
            return Array.Empty<string>();
        }

        var groups = new List<string>();
        foreach (var item in value.Items)
        {
            if (item.Kind == DefinitionValueKind.String)
            {
                groups.Add(item.Text!);
            }
            else
            {
                findings.Add(new Finding { Severity = FindingSeverity.Warning, Code = ScopeFindingCodes.BadGroupMappings, Message = $"scope '{scope}': group_mappings holds {Shorten(item)} ({item.PythonType}), which never equals a group name.", File = item.File, Line = item.Line, Column = item.Column, Path = $"{scope}.group_mappings", Fix = "Quote the group name." });
            }
        }

        return groups;
    }

    internal static string Shorten(DefinitionValue value)
    {
        var text = value.ToString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
