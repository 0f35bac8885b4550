using System.Text;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Reads a server catalog. JSON: <c>{"server": ["tool", ...]}</c>, or a list of
/// <c>{"server"|"name"|"path": ..., "tools": ["tool" | {"name": "tool"}, ...]}</c>. CSV: a header with
/// <c>Server</c> and <c>Tool</c> columns, one row per tool (an empty Tool lists a server without tools).
/// </summary>
public static class ServerCatalogLoader
{
    public static ServerCatalog Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var findings = new List<Finding>();
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string text;
        try
        {
            if (new FileInfo(path).Length > McpScopesLoader.MaxFileBytes)
            {
                findings.Add(Error($"The catalog is larger than {McpScopesLoader.MaxFileBytes / (1024 * 1024)} MB; it was not read.", path, null));
                return Done(result, findings);
            }

            text = Files.BoundedFileReader.ReadAllText(path, McpScopesLoader.MaxFileBytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            findings.Add(Error($"Cannot read the catalog {path}: {error.Message}", path, null));
            return Done(result, findings);
        }

        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            ReadJson(text, path, result, findings);
        }
        else
        {
            ReadCsv(text, path, result, findings);
        }

        return Done(result, findings);
    }

    private static ServerCatalog Done(Dictionary<string, List<string>> result, List<Finding> findings)
        => new(result.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value, StringComparer.Ordinal), findings);

    private static void Add(Dictionary<string, List<string>> result, string server, string? tool)
    {
        if (!result.TryGetValue(server, out var tools))
        {
            result[server] = tools = new List<string>();
        }

        if (!string.IsNullOrEmpty(tool) && !tools.Contains(tool, StringComparer.Ordinal))
        {
            tools.Add(tool);
        }
    }

    private static void ReadJson(string text, string path, Dictionary<string, List<string>> result, List<Finding> findings)
    {
        var values = JsonDefinitionReader.ReadAll(Encoding.UTF8.GetBytes(text), path, findings);
        if (values.Count == 0)
        {
            return;
        }

        var root = values[0];
        if (root.Kind == DefinitionValueKind.Mapping)
        {
            foreach (var entry in root.Entries)
            {
                Add(result, entry.Key, null);
                foreach (var tool in ToolNames(entry.Value, path, findings))
                {
                    Add(result, entry.Key, tool);
                }
            }

            return;
        }

        foreach (var item in root.Kind == DefinitionValueKind.List ? root.Items : values)
        {
            var server = item.Get("server") ?? item.Get("name") ?? item.Get("path");
            if (server is not { Kind: DefinitionValueKind.String })
            {
                findings.Add(Error("A catalog entry needs a string \"server\" (or \"name\"/\"path\").", path, item.Line));
                continue;
            }

            Add(result, server.Text!, null);
            foreach (var tool in ToolNames(item.Get("tools"), path, findings))
            {
                Add(result, server.Text!, tool);
            }
        }
    }

    private static IEnumerable<string> ToolNames(DefinitionValue? tools, string path, List<Finding> findings)
    {
        if (tools is null || tools.Kind == DefinitionValueKind.Null)
        {
            yield break;
        }

        if (tools.Kind != DefinitionValueKind.List)
        {
            findings.Add(Error($"\"tools\" must be a list; found {tools.PythonType}.", path, tools.Line));
            yield break;
        }

        foreach (var tool in tools.Items)
        {
            var name = tool.Kind == DefinitionValueKind.String ? tool : tool.Get("name");
            if (name is { Kind: DefinitionValueKind.String })
            {
                yield return name.Text!;
            }
            else
            {
                findings.Add(Error("A tool must be a string or an object with a string \"name\".", path, tool.Line));
            }
        }
    }

    private static void ReadCsv(string text, string path, Dictionary<string, List<string>> result, List<Finding> findings)
    {
        var rows = CsvRows(text).ToList();
        if (rows.Count == 0)
        {
            findings.Add(Error("The catalog is empty.", path, null));
            return;
        }

        var header = rows[0].Fields;
        var serverColumn = header.FindIndex(h => h.Trim().Equals("Server", StringComparison.OrdinalIgnoreCase));
        var toolColumn = header.FindIndex(h => h.Trim().Equals("Tool", StringComparison.OrdinalIgnoreCase));
        if (serverColumn < 0)
        {
            findings.Add(Error("The CSV catalog needs a header with a Server column (and a Tool column).", path, 1));
            return;
        }

        foreach (var (line, fields) in rows.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (serverColumn >= fields.Count || fields[serverColumn].Length == 0)
            {
                findings.Add(Error("The row has no Server value.", path, line));
                continue;
            }

            Add(result, fields[serverColumn], toolColumn >= 0 && toolColumn < fields.Count ? fields[toolColumn] : null);
        }
    }

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    private static IEnumerable<(int Line, List<string> Fields)> CsvRows(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return (rowLine, fields);
                fields = new List<string>();
                line++;
                rowLine = line;
            }
            else if (c != '\uFEFF')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (rowLine, fields);
        }
    }

    private static Finding Error(string message, string path, int? line) => new()
    {
        Severity = FindingSeverity.Error,
        Code = ScopeFindingCodes.Catalog,
        Message = message,
        File = path,
        Line = line is > 0 ? line : null,
        Fix = "Write the catalog as JSON {\"server\": [\"tool\", ...]} or CSV with Server,Tool columns.",
    };
}
