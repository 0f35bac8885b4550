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

        if (access.Kind != DefinitionValueKind.List)
        {
            var empty = ScopeRule.IsFalsy(access) && access.Kind is not (DefinitionValueKind.Null or DefinitionValueKind.Number or DefinitionValueKind.Boolean);
            if (empty)
            {
                return new ServerScope(name, Array.Empty<ScopeRule>(), document.File, document.Line, groups);
            }

            var failure = access.Kind is DefinitionValueKind.Mapping or DefinitionValueKind.String
                ? null
                : $"server_access is {access} ({access.PythonType}), which cannot be iterated";
            if (failure is not null)
            {
                findings.Add(new Finding { Severity = FindingSeverity.Error, Code = ScopeFindingCodes.ScopeNotAList, Message = $"scope '{name}': {failure}; FGAC raises when it reaches this scope and denies the request.", File = access.File, Line = access.Line, Path = $"{name}.server_access", Fix = "Make server_access a list of rules." });
                return new ServerScope(name, Array.Empty<ScopeRule>(), document.File, document.Line, groups, failure);
            }

            // Iterating a mapping or string yields strings, none of which has a server key: all dropped.
            findings.Add(new Finding { Severity = FindingSeverity.Warning, Code = ScopeFindingCodes.RuleNeverMatches, Message = $"scope '{name}': server_access is a {access.PythonType}, not a list; flattening keeps nothing from it, so the scope grants nothing.", File = access.File, Line = access.Line, Path = $"{name}.server_access", Fix = "Make server_access a list of rules." });
            return new ServerScope(name, Array.Empty<ScopeRule>(), document.File, document.Line, groups);
        }

        var rules = new List<ScopeRule>();
        foreach (var entry in Flatten(name, access, findings))
        {
            var rule = new ScopeRule(name, rules.Count, entry);
            ScopeRuleLinter.Lint(rule, findings);
            rules.Add(rule);
        }

        return new ServerScope(name, rules, document.File, document.Line, groups);
    }

    /// <summary>
    /// <c>_flatten_server_access</c>: grouped entries' <c>access_rules</c> are spliced in; entries with a
    /// <c>server</c> or <c>agent</c> key are kept; everything else (e.g. the legacy <c>agents:</c> form) is dropped.
    /// </summary>
    private static IEnumerable<DefinitionValue> Flatten(string scope, DefinitionValue access, List<Finding> findings)
    {
        foreach (var entry in access.Items)
        {
            if (entry.Kind == DefinitionValueKind.Mapping && entry.Get("access_rules") is { Kind: DefinitionValueKind.List } group)
            {
                foreach (var inner in group.Items)
                {
                    if (Kept(inner))
                    {
                        yield return inner;
                    }
                    else
                    {
                        Dropped(scope, inner, findings);
                    }
                }
            }
            else if (Kept(entry))
            {
                yield return entry;
            }
            else
            {
                Dropped(scope, entry, findings);
            }
        }
    }

    private static bool Kept(DefinitionValue entry) => entry.Kind == DefinitionValueKind.Mapping && (entry.Has("server") || entry.Has("agent"));

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
