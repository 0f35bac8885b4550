using System.Text.Json;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// A decoded JWT header or claim set: member name to JSON value, the last duplicate winning as it does
/// in Go's encoding/json and Python's json module.
/// </summary>
public sealed class JsonObjectView
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    private readonly Dictionary<string, JsonElement> members;

    private JsonObjectView(Dictionary<string, JsonElement> members) => this.members = members;

    public static JsonObjectView Empty { get; } = new(new Dictionary<string, JsonElement>(StringComparer.Ordinal));

    public IReadOnlyCollection<string> Names => members.Keys;

    public int Count => members.Count;

    /// <summary>Parses UTF-8 JSON. Returns null with a reason when it is not JSON; <paramref name="isObject"/> says whether it is an object.</summary>
    internal static JsonObjectView? TryParse(byte[] utf8, out bool isObject, out bool isNull, out string? error)
    {
        isObject = false;
        isNull = false;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(utf8, ParseOptions);
            var root = document.RootElement;
            EnsureTextDecodes(root);
            isNull = root.ValueKind == JsonValueKind.Null;
            if (root.ValueKind != JsonValueKind.Object) return null;
            isObject = true;
            var map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            // One clone of the whole document; members then point into it.
            foreach (var member in root.Clone().EnumerateObject()) map[member.Name] = member.Value;
            return new JsonObjectView(map);
        }
        catch (JsonException e)
        {
            // The reader's own message quotes the offending character; give only the position.
            error = JsonParseError.Describe(e, ParseOptions.MaxDepth);
            return null;
        }
        catch (ArgumentException)
        {
            error = "not valid JSON";
            return null;
        }
        catch (InvalidOperationException)
        {
            // Strings that cannot become UTF-16 text: invalid UTF-8 bytes or a lone surrogate escape.
            error = "not valid JSON text (invalid UTF-8 or a lone surrogate in a string)";
            return null;
        }
    }

    public bool Contains(string name) => members.ContainsKey(name);

    internal bool TryGet(string name, out JsonElement value) => members.TryGetValue(name, out value);

    /// <summary>The member as a string when it is a JSON string; null otherwise.</summary>
    public string? GetString(string name) =>
        members.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The JSON kind of a member, or null when absent.</summary>
    public string? KindOf(string name) => members.TryGetValue(name, out var v) ? KindName(v.ValueKind) : null;

    /// <summary>A short display of a member's value (strings quoted, long values cut); never used for secrets.</summary>
    public string? Display(string name, int max = 200) =>
        members.TryGetValue(name, out var v) ? Shorten(v.GetRawText(), max) : null;

    /// <summary>The member converted to plain .NET values (string, long, double, bool, null, object[] and dictionaries).</summary>
    public object? GetValue(string name) => members.TryGetValue(name, out var v) ? ToPlain(v) : null;

    /// <summary>The whole object as plain .NET values, for output.</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in members) result[name] = ToPlain(value);
        return result;
    }

    /// <summary>Reads every name and string once, so undecodable text fails here and not later in a rule.</summary>
    private static void EnsureTextDecodes(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) EnsureTextDecodes(item);
                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    EnsureTextDecodes(member.Value);
                }

                break;
        }
    }

    internal static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    internal static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    internal static object? ToPlain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        // A number outside double's range stays as its JSON text rather than throwing.
        JsonValueKind.Number => value.TryGetInt64(out var l) ? l : value.TryGetDouble(out var d) && double.IsFinite(d) ? d : value.GetRawText(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(ToPlain).ToArray(),
        JsonValueKind.Object => value.EnumerateObject().GroupBy(m => m.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ToPlain(g.Last().Value), StringComparer.Ordinal),
        _ => null,
    };
}
