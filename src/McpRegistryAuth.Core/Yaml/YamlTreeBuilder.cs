using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using DotNetScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// Turns YamlDotNet's parser events into our positioned nodes while enforcing the limits of a
/// <see cref="YamlLoadOptions"/>. Built for large files: children are gathered on shared scratch stacks
/// and stored in exact-size arrays, the path is text only when a Finding needs it, and repeated scalar
/// texts share one string, so the tree the garbage collector has to promote stays small.
/// </summary>
internal sealed class YamlTreeBuilder(YamlLoadOptions options, string? file, Action<YamlNode, YamlNode>? rootEntries = null)
{
    // Up to this many keys a mapping finds an earlier duplicate by scanning; beyond, by a dictionary.
    private const int KeyScanLimit = 8;

    private readonly Dictionary<string, YamlNode> anchors = new(StringComparer.Ordinal);
    private readonly YamlPathStack path = new();
    private readonly YamlScalarTextPool texts = new();
    private YamlNode[] items = new YamlNode[64];
    private int itemCount;
    private YamlMappingEntry[] entries = new YamlMappingEntry[64];
    private int entryCount;
    private readonly Dictionary<string, long> anchorChars = new(StringComparer.Ordinal);
    private long expandedNodes;
    private long expandedChars;
    private bool aliasUsed;

    public List<Finding> Findings { get; } = [];

    public YamlNode? ReadStream(IParser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var root = ReadNode(parser, 1);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var next))
        {
            Findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning,
                Code = YamlFindingCodes.ExtraDocuments,
                Message = $"The file holds more than one YAML document; {options.ServerName} reads only the first.",
                File = file,
                Line = (int)next.Start.Line,
                Column = (int)next.Start.Column,
                Fix = "Remove the '---' separator and the documents after it, or merge them into the first.",
            });
        }

        return root is YamlScalarNode { IsNull: true } ? null : root;
    }

    // The event at the parser's position, read as YamlDotNet's Accept/TryConsume read it.
    private static ParsingEvent Peek(IParser parser)
    {
        if (parser.Current is { } current)
        {
            return current;
        }

        if (!parser.MoveNext())
        {
            throw new EndOfStreamException();
        }

        return parser.Current!;
    }

    private YamlNode ReadNode(IParser parser, int depth)
    {
        switch (Peek(parser))
        {
            case AnchorAlias alias:
                parser.MoveNext();
                return ResolveAlias(alias);
            case Scalar scalar:
                parser.MoveNext();
                return ReadScalar(scalar);
            case SequenceStart sequenceStart:
                parser.MoveNext();
                return ReadSequence(parser, sequenceStart, depth);
            default:
                return ReadMapping(parser, parser.Consume<MappingStart>(), depth);
        }
    }

    private YamlScalarNode ReadScalar(Scalar scalar)
    {
        Count(1, scalar.Value.Length, scalar.Start);
        var node = new YamlScalarNode(texts.Share(scalar.Value), Style(scalar.Style), Line(scalar.Start), Column(scalar.Start), TagOf(scalar.Tag), AnchorOf(scalar.Anchor));
        Remember(node, scalar.Value.Length);
        return node;
    }

    private YamlSequenceNode ReadSequence(IParser parser, SequenceStart sequenceStart, int depth)
    {
        CheckDepth(depth, sequenceStart.Start);
        Count(1, 0, sequenceStart.Start);
        var charsBefore = expandedChars;
        var first = itemCount;
        long expandedSize = 1;
        while (Peek(parser) is not SequenceEnd)
        {
            path.PushIndex(itemCount - first);
            var item = ReadNode(parser, depth + 1);
            path.Pop();
            expandedSize += item.ExpandedSize;
            PushItem(item);
        }

        parser.MoveNext();
        var node = new YamlSequenceNode(TakeItems(first), expandedSize, Line(sequenceStart.Start), Column(sequenceStart.Start), TagOf(sequenceStart.Tag), AnchorOf(sequenceStart.Anchor));
        Remember(node, expandedChars - charsBefore);
        return node;
    }

    private YamlMappingNode ReadMapping(IParser parser, MappingStart mappingStart, int depth)
    {
        CheckDepth(depth, mappingStart.Start);
        Count(1, 0, mappingStart.Start);
        var charsBefore = expandedChars;
        var first = entryCount;
        long expandedSize = 1;
        // A caller that takes the root's entries as they complete keeps none of them here: only the keys'
        // first lines, for the duplicate check.
        var streamed = depth == 1 && rootEntries is not null;
        Dictionary<string, int>? firstLineOfKey = streamed ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        while (Peek(parser) is not MappingEnd)
        {
            var key = ReadNode(parser, depth + 1);
            var keyText = (key as YamlScalarNode)?.Value;
            path.PushKey(keyText);
            var value = ReadNode(parser, depth + 1);
            if (keyText is not null && FirstLineOf(keyText, key.Line, first, ref firstLineOfKey) is { } firstLine)
            {
                Findings.Add(Duplicate(keyText, key, firstLine, path.ToString()));
            }

            path.Pop();
            expandedSize += key.ExpandedSize + value.ExpandedSize;
            if (streamed)
            {
                rootEntries!(key, value);
            }
            else
            {
                PushEntry(new YamlMappingEntry(key, value));
            }
        }

        parser.MoveNext();
        var mapping = new YamlMappingNode(TakeEntries(first), expandedSize, Line(mappingStart.Start), Column(mappingStart.Start), TagOf(mappingStart.Tag), AnchorOf(mappingStart.Anchor));
        Remember(mapping, expandedChars - charsBefore);
        return mapping;
    }

    /// <summary>
    /// The line of the first earlier key of this mapping with the same text, or null when it is the first
    /// (and then it is remembered). Scanning is cheapest for the usual few keys.
    /// </summary>
    private int? FirstLineOf(string keyText, int keyLine, int first, ref Dictionary<string, int>? firstLineOfKey)
    {
        if (firstLineOfKey is null)
        {
            if (entryCount - first < KeyScanLimit)
            {
                for (var i = first; i < entryCount; i++)
                {
                    if (entries[i].Key is YamlScalarNode earlier && string.Equals(earlier.Value, keyText, StringComparison.Ordinal))
                    {
                        return earlier.Line;
                    }
                }

                return null;
            }

            firstLineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = first; i < entryCount; i++)
            {
                if (entries[i].Key is YamlScalarNode earlier)
                {
                    firstLineOfKey.TryAdd(earlier.Value, earlier.Line);
                }
            }
        }

        if (firstLineOfKey.TryGetValue(keyText, out var line))
        {
            return line;
        }

        firstLineOfKey[keyText] = keyLine;
        return null;
    }

    private void PushItem(YamlNode item)
    {
        if (itemCount == items.Length)
        {
            Array.Resize(ref items, itemCount * 2);
        }

        items[itemCount++] = item;
    }

    private YamlNode[] TakeItems(int first)
    {
        if (itemCount == first)
        {
            return [];
        }

        var taken = items.AsSpan(first, itemCount - first).ToArray();
        items.AsSpan(first, itemCount - first).Clear();
        itemCount = first;
        return taken;
    }

    private void PushEntry(YamlMappingEntry entry)
    {
        if (entryCount == entries.Length)
        {
            Array.Resize(ref entries, entryCount * 2);
        }

        entries[entryCount++] = entry;
    }

    private YamlMappingEntry[] TakeEntries(int first)
    {
        if (entryCount == first)
        {
            return [];
        }

        var taken = entries.AsSpan(first, entryCount - first).ToArray();
        entries.AsSpan(first, entryCount - first).Clear();
        entryCount = first;
        return taken;
    }

    private Finding Duplicate(string keyText, YamlNode key, int firstLine, string keyPath)
    {
        var refuses = options.DuplicateKeys == DuplicateKeyPolicy.Error;
        return new Finding
        {
            Severity = refuses ? FindingSeverity.Error : FindingSeverity.Warning,
            Code = YamlFindingCodes.DuplicateKey,
            Message = refuses
                ? $"mapping key \"{keyText}\" already defined at line {firstLine}; {options.ServerName} refuses the file."
                : $"mapping key \"{keyText}\" already defined at line {firstLine}; {options.ServerName} keeps only this later value.",
            File = file,
            Line = key.Line,
            Column = key.Column,
            Path = keyPath,
            Fix = $"Keep one \"{keyText}\" key in this mapping and merge the values you need into it.",
        };
    }

    private YamlNode ResolveAlias(AnchorAlias alias)
    {
        if (!anchors.TryGetValue(alias.Value.Value, out var target))
        {
            // An unquoted secret that starts with '*' reads as an alias: under a secret field, never show its text.
            var secret = SecretFieldNames.MayHoldSecret(path.LastKey);
            var name = secret ? SecretFieldNames.Describe(alias.Value.Value) : alias.Value.Value;
            Findings.Add(YamlLoader.Error(YamlFindingCodes.UnknownAlias, $"The alias *{name} refers to an anchor that is not defined before it.",
                file, Line(alias.Start), Column(alias.Start),
                secret ? $"A value of {path.LastKey} that starts with '*' reads as an alias: quote the value." : $"Define &{name} before this line or remove the alias.",
                path.ToString()));
            throw new YamlLoadAbortedException();
        }

        aliasUsed = true;
        Count(target.ExpandedSize, anchorChars[alias.Value.Value], alias.Start);
        return target;
    }

    private void Remember(YamlNode node, long chars)
    {
        if (node.Anchor is { } name)
        {
            anchors[name] = node;
            anchorChars[name] = chars;
        }
    }

    // Names the limit actually hit, and calls it an alias bomb only when aliases were expanded.
    private void Count(long nodes, long chars, Mark at)
    {
        expandedNodes += nodes;
        expandedChars += chars;
        var limit = expandedNodes > options.MaxExpandedNodes ? $"{options.MaxExpandedNodes} nodes"
            : expandedChars > options.MaxExpandedChars ? $"{options.MaxExpandedChars} characters of text"
            : null;
        if (limit is null)
        {
            return;
        }

        Findings.Add(aliasUsed
            ? YamlLoader.Error(YamlFindingCodes.AliasExpansion,
                $"The document expands to more than {limit} once its aliases are resolved (an alias bomb); loading stopped at line {Line(at)}. The limit for a {options.ServerName} document here is {limit}.",
                file, Line(at), Column(at), "Remove the aliases (*name) that repeat large anchored blocks.", path.ToString())
            : YamlLoader.Error(YamlFindingCodes.TooLarge,
                $"The document holds more than {limit} (it has no alias); loading stopped at line {Line(at)}. The limit for a {options.ServerName} document here is {limit}.",
                file, Line(at), Column(at), "Check that the path names the right file; a real one is far smaller.", path.ToString()));
        throw new YamlLoadAbortedException();
    }

    private void CheckDepth(int depth, Mark at)
    {
        if (depth > options.MaxDepth)
        {
            Findings.Add(YamlLoader.Error(YamlFindingCodes.TooDeep, $"The document nests deeper than {options.MaxDepth} levels at line {Line(at)}.",
                file, Line(at), Column(at), "Flatten the structure; a configuration needs only a few levels.", path.ToString()));
            throw new YamlLoadAbortedException();
        }
    }

    private static int Line(Mark mark) => (int)mark.Line;

    private static int Column(Mark mark) => (int)mark.Column;

    private static string? TagOf(TagName tag) => tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value;

    private static string? AnchorOf(AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;

    private static YamlScalarStyle Style(DotNetScalarStyle style) => style switch
    {
        DotNetScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
        DotNetScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
        DotNetScalarStyle.Literal => YamlScalarStyle.Literal,
        DotNetScalarStyle.Folded => YamlScalarStyle.Folded,
        _ => YamlScalarStyle.Plain,
    };
}
