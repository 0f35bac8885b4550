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

    /// <summary>
    /// Loads and converts in one pass: each top-level entry is converted as soon as the loader has read it,
    /// so the YAML tree of a large file never lives whole beside its conversion. Findings as from
    /// <see cref="YamlLoader.Load(string, string?, YamlLoadOptions)"/> followed by <see cref="Convert"/>.
    /// </summary>
    public static DefinitionValue? LoadAndConvert(Func<Action<YamlNode, YamlNode>, YamlDocument> load, string file, List<Finding> findings)
    {
        var conversionFindings = new List<Finding>();
        var converter = new YamlDefinitionConverter(file, conversionFindings);
        var top = new MappingBuilder(converter, 0);
        var document = load(top.Add);
        findings.AddRange(document.Findings);
        var root = document.Root switch
        {
            null => null,
            YamlMappingNode mapping => top.ToValue(mapping.Line, mapping.Column),
            var other => converter.Value(other),
        };
        if (root is not null)
        {
            findings.AddRange(conversionFindings);
        }

        return root;
    }

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
        var builder = new MappingBuilder(this, source.Count);
        for (var e = 0; e < source.Count; e++)
        {
            builder.Add(source[e].Key, source[e].Value);
        }

        return builder.ToValue(mapping.Line, mapping.Column);
    }

    /// <summary>
    /// One mapping being converted, entry by entry: Python dict semantics (a repeated key keeps its first
    /// position and takes the last value), merge keys applied after the mapping's own keys.
    /// </summary>
    internal sealed class MappingBuilder(YamlDefinitionConverter converter, int expectedCount)
    {
        // Sized for the mapping's entries, so a mapping without repeated or merged keys keeps this array.
        private DefinitionEntry[] entries = expectedCount == 0 ? [] : new DefinitionEntry[expectedCount];
        private int count;

        // The usual few keys are found by scanning; a large mapping indexes its keys.
        private Dictionary<string, int>? positions = expectedCount > KeyScanLimit ? new Dictionary<string, int>(expectedCount, StringComparer.Ordinal) : null;
        private List<DefinitionEntry>? merged;

        public void Add(YamlNode keyNode, YamlNode valueNode)
        {
            if (keyNode is YamlScalarNode { Value: "<<", Style: YamlScalarStyle.Plain })
            {
                var from = converter.Value(valueNode);
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

                return;
            }

            if (keyNode is not YamlScalarNode key || KindOf(key) != DefinitionValueKind.String)
            {
                converter.WrongKeyType(keyNode);
                return;
            }

            var name = key.Value;
            converter.path.PushKey(name);
            var item = new DefinitionEntry(name, converter.Value(valueNode), key.Line, key.Column);
            converter.path.Pop();
            var at = PositionOf(name);
            if (at >= 0)
            {
                entries[at] = item;
            }
            else
            {
                Append(item);
            }
        }

        public DefinitionValue ToValue(int line, int column)
        {
            if (merged is not null)
            {
                foreach (var item in merged)
                {
                    if (PositionOf(item.Key) < 0)
                    {
                        Append(item);
                    }
                }
            }

            if (count != entries.Length)
            {
                Array.Resize(ref entries, count);
            }

            return DefinitionValue.Mapping(entries, converter.file, line, column);
        }

        private void Append(DefinitionEntry item)
        {
            if (positions is null && count == KeyScanLimit)
            {
                positions = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < count; i++)
                {
                    positions.Add(entries[i].Key, i);
                }
            }

            if (count == entries.Length)
            {
                Array.Resize(ref entries, Math.Max(4, count * 2));
            }

            positions?.Add(item.Key, count);
            entries[count++] = item;
        }

        private int PositionOf(string key)
        {
            if (positions is not null)
            {
                return positions.TryGetValue(key, out var at) ? at : -1;
            }

            for (var i = 0; i < count; i++)
            {
                if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    private void WrongKeyType(YamlNode keyNode)
    {
        var path = this.path.ToString();
        findings.Add(new Finding
        {
            Severity = FindingSeverity.Warning,
            Code = ScopeFindingCodes.WrongType,
            Message = $"{(path.Length == 0 ? "top-level" : path)}: key {keyNode} is {(keyNode is YamlScalarNode k ? $"a {Scalar(k).PythonType}" : keyNode.Describe())} in YAML, not a string, so no group or scope name ever equals it.",
            File = file,
            Line = keyNode.Line,
            Column = keyNode.Column,
            Path = path,
            Fix = "Quote the key.",
        });
    }

    private DefinitionValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        return KindOf(scalar) switch
        {
            DefinitionValueKind.Null => DefinitionValue.Null(file, scalar.Line, scalar.Column),
            DefinitionValueKind.Boolean => DefinitionValue.Boolean(Trues.Contains(text), file, scalar.Line, scalar.Column),
            DefinitionValueKind.Number => DefinitionValue.Number(text, file, scalar.Line, scalar.Column),
            DefinitionValueKind.Timestamp => DefinitionValue.Timestamp(text, file, scalar.Line, scalar.Column),
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
                "timestamp" => DefinitionValueKind.Timestamp,
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

        if (MayBeNumber(text) && (IntPattern().IsMatch(text) || FloatPattern().IsMatch(text)))
        {
            return DefinitionValueKind.Number;
        }

        return text.Length >= 8 && char.IsAsciiDigit(text[0]) && TimestampPattern().IsMatch(text) ? DefinitionValueKind.Timestamp : DefinitionValueKind.String;
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

    // PyYAML's YAML 1.1 implicit resolver for timestamps: a date, or a date and time.
    [GeneratedRegex(@"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
