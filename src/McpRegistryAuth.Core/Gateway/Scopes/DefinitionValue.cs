using System.Runtime.CompilerServices;
using System.Text.Json;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// One parsed value of a scope definition, with where it was written. Both sources (scopes.yml and
/// mcp_scopes JSON) are read into this shape so the decision never depends on the parser.
/// </summary>
public sealed class DefinitionValue
{
    // One field holds what the kind needs (the text, the items or the entries): a large definition holds
    // hundreds of thousands of values, and every byte of them is copied by the garbage collector.
    private readonly object? payload;

    private DefinitionValue(DefinitionValueKind kind, object? payload, string? file, int line, int column)
    {
        Kind = kind;
        this.payload = payload;
        File = file;
        Line = line;
        Column = column;
    }

    public DefinitionValueKind Kind { get; }

    /// <summary>The scalar as written (strings, numbers, booleans); null for Null, List and Mapping.</summary>
    public string? Text => Kind is DefinitionValueKind.String or DefinitionValueKind.Number or DefinitionValueKind.Boolean or DefinitionValueKind.Timestamp ? Unsafe.As<string>(payload) : null;

    public IReadOnlyList<DefinitionValue> Items => Kind == DefinitionValueKind.List ? Unsafe.As<IReadOnlyList<DefinitionValue>>(payload)! : Array.Empty<DefinitionValue>();

    /// <summary>Mapping entries in document order, after duplicate keys were resolved (last wins).</summary>
    public IReadOnlyList<DefinitionEntry> Entries => Kind == DefinitionValueKind.Mapping ? Unsafe.As<IReadOnlyList<DefinitionEntry>>(payload)! : Array.Empty<DefinitionEntry>();

    public string? File { get; }

    /// <summary>1-based line; 0 when unknown.</summary>
    public int Line { get; }

    public int Column { get; }

    public static DefinitionValue Null(string? file = null, int line = 0, int column = 0) => new(DefinitionValueKind.Null, null, file, line, column);

    public static DefinitionValue String(string text, string? file = null, int line = 0, int column = 0) => new(DefinitionValueKind.String, text, file, line, column);

    public static DefinitionValue Number(string text, string? file = null, int line = 0, int column = 0) => new(DefinitionValueKind.Number, text, file, line, column);

    public static DefinitionValue Boolean(bool value, string? file = null, int line = 0, int column = 0) => new(DefinitionValueKind.Boolean, value ? "True" : "False", file, line, column);

    public static DefinitionValue Timestamp(string text, string? file = null, int line = 0, int column = 0) => new(DefinitionValueKind.Timestamp, text, file, line, column);

    public static DefinitionValue List(IReadOnlyList<DefinitionValue> items, string? file = null, int line = 0, int column = 0) => new(DefinitionValueKind.List, items ?? (object)Array.Empty<DefinitionValue>(), file, line, column);

    public static DefinitionValue Mapping(IReadOnlyList<DefinitionEntry> entries, string? file = null, int line = 0, int column = 0) => new(DefinitionValueKind.Mapping, entries ?? (object)Array.Empty<DefinitionEntry>(), file, line, column);

    public bool IsString => Kind == DefinitionValueKind.String;

    /// <summary>The value of a mapping key, or null when this is not a mapping or the key is absent.</summary>
    public DefinitionValue? Get(string key)
    {
        // Indexed, not foreach: enumerating the interface would allocate on every lookup.
        var entries = Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return entries[i].Value;
            }
        }

        return null;
    }

    public bool Has(string key) => Get(key) is not null;

    /// <summary>
    /// Python's <c>needle in value</c> for a string needle: list = equality with a string item, string =
    /// substring, mapping = key. Null, numbers and booleans raise TypeError in Python: returned as Error.
    /// </summary>
    public Membership Contains(string needle)
    {
        switch (Kind)
        {
            case DefinitionValueKind.List:
                var items = Items;
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i].Kind == DefinitionValueKind.String && string.Equals(items[i].Text, needle, StringComparison.Ordinal))
                    {
                        return Membership.Yes;
                    }
                }

                return Membership.No;
            case DefinitionValueKind.String:
                return PythonText.Contains(Text!, needle) ? Membership.Yes : Membership.No;
            case DefinitionValueKind.Mapping:
                return Has(needle) ? Membership.Yes : Membership.No;
            default:
                return Membership.Error;
        }
    }

    /// <summary>
    /// The number's value as Python holds it: JSON numbers as written, YAML 1.1 ints with PyYAML's readings
    /// (0x1F, 017 octal, 0b101, 1_000, 1:30 base 60) and floats (.inf, .nan); NaN when the text is none of these.
    /// </summary>
    public double NumberValue => Kind switch
    {
        DefinitionValueKind.Number => PythonNumber.Parse(Text!),
        DefinitionValueKind.Boolean => Text == "True" ? 1 : 0,
        _ => double.NaN,
    };

    /// <summary>
    /// Python's <c>needle in value</c> for a needle that is not a string (a JSON-RPC method or tool name of another
    /// type): list = Python equality with an item (1 == 1.0 == True), mapping = a key (a list or dict needle is
    /// unhashable: Error), string and scalars raise TypeError (Error).
    /// </summary>
    public Membership ContainsValue(JsonElement needle)
    {
        if (needle.ValueKind == JsonValueKind.String)
        {
            return Contains(PythonJsonValue.Text(needle));
        }

        switch (Kind)
        {
            case DefinitionValueKind.List:
                return Items.Any(item => PythonEquals(item, needle)) ? Membership.Yes : Membership.No;
            case DefinitionValueKind.Mapping:
                // Keys are strings, which no hashable non-string needle equals.
                return needle.ValueKind is JsonValueKind.Array or JsonValueKind.Object ? Membership.Error : Membership.No;
            default:
                return Membership.Error;
        }
    }

    private static bool PythonEquals(DefinitionValue item, JsonElement needle)
    {
        switch (needle.ValueKind)
        {
            case JsonValueKind.String:
                return item.Kind == DefinitionValueKind.String && item.Text == PythonJsonValue.Text(needle);
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                var number = needle.ValueKind switch
                {
                    JsonValueKind.True => 1d,
                    JsonValueKind.False => 0d,
                    _ => PythonJsonValue.Number(needle),
                };
                return item.Kind switch
                {
                    DefinitionValueKind.Boolean => (item.Text == "True" ? 1d : 0d) == number,
                    DefinitionValueKind.Number => item.NumberValue == number,
                    _ => false,
                };
            case JsonValueKind.Array:
                return item.Kind == DefinitionValueKind.List && item.Items.Count == needle.GetArrayLength()
                    && item.Items.Zip(needle.EnumerateArray()).All(pair => PythonEquals(pair.First, pair.Second));
            case JsonValueKind.Object:
                var properties = needle.EnumerateObject().GroupBy(p => p.Name).Select(g => g.Last()).ToList();
                return item.Kind == DefinitionValueKind.Mapping && item.Entries.Count == properties.Count
                    && properties.All(p => item.Get(p.Name) is { } value && PythonEquals(value, p.Value));
            default:
                return item.Kind == DefinitionValueKind.Null;
        }
    }

    /// <summary>A short Python-like rendering for messages: <c>'*'</c>, <c>['a', 'b']</c>, <c>None</c>.</summary>
    public override string ToString() => Kind switch
    {
        DefinitionValueKind.Null => "None",
        DefinitionValueKind.String => $"'{Text}'",
        DefinitionValueKind.Number or DefinitionValueKind.Boolean or DefinitionValueKind.Timestamp => Text!,
        DefinitionValueKind.List => "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]",
        _ => "{" + string.Join(", ", Entries.Select(e => $"'{e.Key}': {e.Value}")) + "}",
    };

    /// <summary>The Python type name, used in explanations of "deny on error".</summary>
    public string PythonType => Kind switch
    {
        DefinitionValueKind.Null => "NoneType",
        DefinitionValueKind.String => "str",
        DefinitionValueKind.Number => PythonNumber.IsFloat(Text!) ? "float" : "int",
        DefinitionValueKind.Boolean => "bool",
        DefinitionValueKind.Timestamp => Text!.Length == 10 ? "datetime.date" : "datetime.datetime",
        DefinitionValueKind.List => "list",
        _ => "dict",
    };
}
