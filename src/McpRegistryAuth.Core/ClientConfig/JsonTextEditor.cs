using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Edits a JSON or JSONC file as text: each edit parses the file, finds the one span it changes and
/// splices new text in, so every other byte (other servers and settings, comments, spacing, trailing
/// commas, line endings) stays as it was. New text follows the file's indentation and line endings.
/// </summary>
public static class JsonTextEditor
{
    private static readonly JsonSerializerOptions Render = new()
    {
        WriteIndented = true,
        // Config files are read by people: keep '+', '<', '&' and non-ASCII as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Sets member <paramref name="name"/> of the object reached by <paramref name="objectPath"/> from the
    /// root, creating missing objects on the way. Returns the new text; <paramref name="replaced"/> says
    /// whether a member of that name was there before.
    /// </summary>
    public static string SetMember(string text, bool jsonc, IReadOnlyList<string> objectPath, string name, JsonNode value, out bool replaced)
    {
        ArgumentNullException.ThrowIfNull(objectPath);
        if (string.IsNullOrWhiteSpace(text)) text = "{}";
        var root = ParseRoot(text, jsonc);
        var node = root;
        for (var i = 0; i < objectPath.Count; i++)
        {
            var member = node.Member(objectPath[i]);
            if (member is null)
            {
                // Everything from here down is new: one object holding the rest of the path and the member.
                JsonNode nested = new JsonObject { [name] = value.DeepClone() };
                for (var j = objectPath.Count - 1; j > i; j--) nested = new JsonObject { [objectPath[j]] = nested };
                replaced = false;
                return Insert(text, root, node, objectPath[i], nested);
            }

            if (member.Value.Kind != JsonTextKind.Object)
            {
                throw new CommandFailureException("ClientConfigUnexpectedShape", FailureCategory.InvalidData,
                    $"\"{string.Join("\".\"", objectPath.Take(i + 1))}\" is {Describe(member.Value.Kind)}, where the client expects an object of servers.",
                    null, "Fix that member by hand (or pass -Path to write another file); the file was left as it was.");
            }

            node = member.Value;
        }

        var existing = node.Member(name);
        replaced = existing is not null;
        if (existing is null) return Insert(text, root, node, name, value);
        var indent = LineIndent(text, existing.KeyStart);
        return string.Concat(text.AsSpan(0, existing.Value.Start), RenderValue(value, indent, Unit(text, root), NewLine(text)), text.AsSpan(existing.Value.End));
    }

    /// <summary>
    /// Adds <paramref name="item"/> to the root-level array <paramref name="arrayName"/> unless an item
    /// already matches; creates the array when missing.
    /// </summary>
    public static string EnsureArrayItem(string text, bool jsonc, string arrayName, JsonNode item, Func<JsonTextNode, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (string.IsNullOrWhiteSpace(text)) text = "{}";
        var root = ParseRoot(text, jsonc);
        var member = root.Member(arrayName);
        if (member is null) return Insert(text, root, root, arrayName, new JsonArray(item.DeepClone()));
        if (member.Value.Kind != JsonTextKind.Array)
        {
            throw new CommandFailureException("ClientConfigUnexpectedShape", FailureCategory.InvalidData,
                $"\"{arrayName}\" is {Describe(member.Value.Kind)}, where the client expects an array.", null,
                "Fix that member by hand (or pass -Path to write another file); the file was left as it was.");
        }

        if (member.Value.Items.Any(matches)) return text;
        var children = member.Value.Items.Select(i => (i.Start, i.End)).ToList();
        var indent = ChildIndent(text, root, member.Value, children);
        return InsertChild(text, member.Value, children, RenderValue(item, indent, Unit(text, root), NewLine(text)), indent);
    }

    /// <summary>The text of member <paramref name="name"/> of the object at <paramref name="objectPath"/>; null when there is none.</summary>
    public static string? FindMember(string text, bool jsonc, IReadOnlyList<string> objectPath, string name)
    {
        ArgumentNullException.ThrowIfNull(objectPath);
        if (string.IsNullOrWhiteSpace(text)) return null;
        var node = ParseRoot(text, jsonc);
        foreach (var key in objectPath)
        {
            node = node.Member(key)?.Value;
            if (node is null || node.Kind != JsonTextKind.Object) return null;
        }

        return node.Member(name) is { } member ? text[member.Value.Start..member.Value.End] : null;
    }

    /// <summary>Parses the file; its top level must be an object.</summary>
    public static JsonTextNode ParseRoot(string text, bool jsonc)
    {
        var root = JsonTextParser.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text, jsonc);
        if (root.Kind != JsonTextKind.Object) throw new JsonTextException($"the top level is {Describe(root.Kind)}, where the client expects an object", 1, 1);
        return root;
    }

    private static string Insert(string text, JsonTextNode root, JsonTextNode parent, string name, JsonNode value)
    {
        var children = parent.Members.Select(m => (m.KeyStart, m.Value.End)).ToList();
        var indent = ChildIndent(text, root, parent, children);
        var member = JsonSerializer.Serialize(name, Render) + ": " + RenderValue(value, indent, Unit(text, root), NewLine(text));
        return InsertChild(text, parent, children, member, indent);
    }

    private static string InsertChild(string text, JsonTextNode parent, List<(int Start, int End)> children, string child, string indent)
    {
        var nl = NewLine(text);
        if (children.Count == 0)
        {
            var interior = text.AsSpan(parent.Start + 1, parent.End - parent.Start - 2);
            if (interior.IsWhiteSpace())
            {
                return string.Concat(text.AsSpan(0, parent.Start + 1), nl + indent + child + nl + LineIndent(text, parent.Start), text.AsSpan(parent.End - 1));
            }

            // Only comments inside: the child goes first, the comments stay after it.
            return string.Concat(text.AsSpan(0, parent.Start + 1), nl + indent + child, text.AsSpan(parent.Start + 1));
        }

        var lastEnd = children[^1].End;
        if (parent.TrailingCommaEnd is { } commaEnd)
        {
            // JSONC with a trailing comma: the new child keeps the style and ends with one too.
            var at = EndOfLine(text, commaEnd);
            return string.Concat(text.AsSpan(0, at), nl + indent + child + ",", text.AsSpan(at));
        }

        var insertAt = EndOfLine(text, lastEnd);
        return text[..lastEnd] + "," + text[lastEnd..insertAt] + nl + indent + child + text[insertAt..];
    }

    /// <summary>
    /// After <paramref name="from"/>: the end of its line when only spaces or a // comment follow there
    /// (the comment stays with the line it annotates), else <paramref name="from"/> itself.
    /// </summary>
    private static int EndOfLine(string text, int from)
    {
        var i = from;
        while (i < text.Length && text[i] is ' ' or '\t') i++;
        if (i + 1 < text.Length && text[i] == '/' && text[i + 1] == '/')
        {
            while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
            return i;
        }

        return i < text.Length && text[i] is '\r' or '\n' ? i : from;
    }

    private static string ChildIndent(string text, JsonTextNode root, JsonTextNode parent, List<(int Start, int End)> children)
    {
        if (children.Count > 0 && StartsLine(text, children[^1].Start)) return LineIndent(text, children[^1].Start);
        return LineIndent(text, parent.Start) + Unit(text, root);
    }

    /// <summary>The file's indentation step: that of the root's first member when it starts a line, else two spaces.</summary>
    private static string Unit(string text, JsonTextNode root)
    {
        if (root.Members.Count > 0 && StartsLine(text, root.Members[0].KeyStart))
        {
            var indent = LineIndent(text, root.Members[0].KeyStart);
            var rootIndent = LineIndent(text, root.Start);
            if (indent.Length > rootIndent.Length && indent.StartsWith(rootIndent, StringComparison.Ordinal)) return indent[rootIndent.Length..];
        }

        return "  ";
    }

    private static bool StartsLine(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && text[i] is ' ' or '\t') i--;
        return i < 0 || text[i] == '\n';
    }

    private static string LineIndent(string text, int index)
    {
        var lineStart = index;
        while (lineStart > 0 && text[lineStart - 1] != '\n') lineStart--;
        var end = lineStart;
        while (end < text.Length && text[end] is ' ' or '\t') end++;
        return text[lineStart..end];
    }

    private static string NewLine(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    private static string RenderValue(JsonNode value, string indent, string unit, string nl)
    {
        var lines = value.ToJsonString(Render).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var depth = 0;
            while (line.Length >= (depth + 1) * 2 && line.AsSpan(depth * 2, 2).SequenceEqual("  ")) depth++;
            var body = line[(depth * 2)..];
            lines[i] = (i == 0 ? "" : indent) + string.Concat(Enumerable.Repeat(unit, depth)) + body;
        }

        return string.Join(nl, lines);
    }

    private static string Describe(JsonTextKind kind) => kind switch
    {
        JsonTextKind.Array => "an array",
        JsonTextKind.String => "a string",
        JsonTextKind.Number => "a number",
        JsonTextKind.Literal => "true, false or null",
        _ => "an object",
    };
}
