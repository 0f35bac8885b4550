using System.Globalization;
using System.Text.RegularExpressions;
using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Turns the shared positioned YAML tree into DefinitionValues with the types PyYAML's safe_load would
/// give (YAML 1.1: yes/no/on/off are booleans, unquoted numbers are numbers), duplicate keys resolved as
/// in a Python dict (first position, last value) and merge keys (&lt;&lt;) applied. Aliases are converted once
/// and shared, so an alias-heavy file costs no more memory than the YAML tree.
/// </summary>
internal sealed partial class YamlDefinitionConverter
{
    private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
    private static readonly HashSet<string> Trues = new(StringComparer.Ordinal) { "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" };
    private static readonly HashSet<string> Falses = new(StringComparer.Ordinal) { "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" };

    private readonly string file;
    private readonly List<Finding> findings;
    // Up to this many keys a mapping finds a repeated key by scanning its entries.
    private const int KeyScanLimit = 8;

    private readonly Dictionary<YamlNode, DefinitionValue> converted = new(ReferenceEqualityComparer.Instance);

    // Where the converter is, for messages only: built into text when a key needs a Finding.
    private readonly YamlPathStack path = new();

    private YamlDefinitionConverter(string file, List<Finding> findings)
    {
        this.file = file;
        this.findings = findings;
    }

    public static DefinitionValue? Convert(YamlNode? root, string file, List<Finding> findings)
        => root is null ? null : new YamlDefinitionConverter(file, findings).Value(root);

    private DefinitionValue Value(YamlNode node)
    {
        // Only anchored nodes can be reached twice (through aliases), so only they are remembered.
        if (node.Anchor is not null && converted.TryGetValue(node, out var done))
        {
            return done;
        }

        DefinitionValue value = node switch
        {
            YamlScalarNode scalar => Scalar(scalar),
            YamlSequenceNode sequence => Sequence(sequence),
            YamlMappingNode mapping => Mapping(mapping),
            _ => DefinitionValue.Null(file, node.Line, node.Column),
        };
        if (node.Anchor is not null)
        {
            converted[node] = value;
        }

        return value;
    }

    private DefinitionValue Sequence(YamlSequenceNode sequence)
    {
        var source = sequence.Items;
        var items = source.Count == 0 ? Array.Empty<DefinitionValue>() : new DefinitionValue[source.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Value(source[i]);
        }

        return DefinitionValue.List(items, file, sequence.Line, sequence.Column);
    }

    private DefinitionValue Mapping(YamlMappingNode mapping)
    {
        var source = mapping.Entries;
        var entries = new List<DefinitionEntry>(source.Count);
        // Python dict semantics: a repeated key keeps its first position and takes the last value.
        // The usual few keys are found by scanning; a large mapping indexes its keys.
        Dictionary<string, int>? positions = source.Count > KeyScanLimit ? new Dictionary<string, int>(source.Count, StringComparer.Ordinal) : null;
        List<DefinitionEntry>? merged = null;
        for (var e = 0; e < source.Count; e++)
        {
            var entry = source[e];
            if (entry.Key is YamlScalarNode { Value: "<<", Style: YamlScalarStyle.Plain })
            {
                var from = Value(entry.Value);
                merged ??= [];
                if (from.Kind == DefinitionValueKind.List)
                {
                    foreach (var part in from.Items)
                    {
                        if (part.Kind == DefinitionValueKind.Mapping)
                        {
                            merged.AddRange(part.Entries);
                        }
                    }
                }
                else if (from.Kind == DefinitionValueKind.Mapping)
                {
                    merged.AddRange(from.Entries);
                }

                continue;
            }

            if (entry.Key is not YamlScalarNode key || KindOf(key) != DefinitionValueKind.String)
            {
                var path = this.path.ToString();
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Warning,
                    Code = ScopeFindingCodes.WrongType,
                    Message = $"{(path.Length == 0 ? "top-level" : path)}: key {entry.Key} is {(entry.Key is YamlScalarNode k ? $"a {Scalar(k).PythonType}" : entry.Key.Describe())} in YAML, not a string, so no group or scope name ever equals it.",
                    File = file,
                    Line = entry.Key.Line,
                    Column = entry.Key.Column,
                    Path = path,
                    Fix = "Quote the key.",
                });
                continue;
            }

            var name = key.Value;
            this.path.PushKey(name);
            var item = new DefinitionEntry(name, Value(entry.Value), key.Line, key.Column);
            this.path.Pop();
            var at = PositionOf(entries, positions, name);
            if (at >= 0)
            {
                entries[at] = item;
            }
            else
            {
                positions?.Add(name, entries.Count);
                entries.Add(item);
            }
        }

        if (merged is not null)
        {
            foreach (var item in merged)
            {
                if (PositionOf(entries, positions, item.Key) < 0)
                {
                    positions?.Add(item.Key, entries.Count);
                    entries.Add(item);
                }
            }
        }

        return DefinitionValue.Mapping(entries.Count == 0 ? Array.Empty<DefinitionEntry>() : entries.ToArray(), file, mapping.Line, mapping.Column);
    }

    private static int PositionOf(List<DefinitionEntry> entries, Dictionary<string, int>? positions, string key)
    {
        if (positions is not null)
        {
            return positions.TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private DefinitionValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        return KindOf(scalar) switch
        {
            DefinitionValueKind.Null => DefinitionValue.Null(file, scalar.Line, scalar.Column),
            DefinitionValueKind.Boolean => DefinitionValue.Boolean(Trues.Contains(text), file, scalar.Line, scalar.Column),
            DefinitionValueKind.Number => DefinitionValue.Number(text, file, scalar.Line, scalar.Column),
            _ => DefinitionValue.String(text, file, scalar.Line, scalar.Column),
        };
    }

    /// <summary>The type PyYAML's safe_load gives a scalar: explicit tag first, then quoting, then the YAML 1.1 implicit resolvers.</summary>
    private static DefinitionValueKind KindOf(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag;
        if (tag is not null)
        {
            var shortTag = tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? tag["tag:yaml.org,2002:".Length..] : tag.TrimStart('!');
            return shortTag switch
            {
                "null" => DefinitionValueKind.Null,
                "bool" => DefinitionValueKind.Boolean,
                "int" or "float" => DefinitionValueKind.Number,
                _ => DefinitionValueKind.String,
            };
        }

        if (scalar.Style != YamlScalarStyle.Plain)
        {
            return DefinitionValueKind.String;
        }

        if (MayBeNullOrBoolean(text))
        {
            if (Nulls.Contains(text))
            {
                return DefinitionValueKind.Null;
            }

            if (Trues.Contains(text) || Falses.Contains(text))
            {
                return DefinitionValueKind.Boolean;
            }
        }

        return MayBeNumber(text) && (IntPattern().IsMatch(text) || FloatPattern().IsMatch(text)) ? DefinitionValueKind.Number : DefinitionValueKind.String;
    }

    // Every null and boolean spelling is at most five characters and starts with one of these.
    private static bool MayBeNullOrBoolean(string text) => text.Length == 0 || (text.Length <= 5 && text[0] is '~' or 'n' or 'N' or 'y' or 'Y' or 't' or 'T' or 'o' or 'O' or 'f' or 'F');

    // PyYAML's int and float resolvers only fire on scalars starting with one of these characters.
    private static bool MayBeNumber(string text) => text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.');

    // PyYAML's YAML 1.1 implicit resolvers for int and float.
    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
