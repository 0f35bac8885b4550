namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// A YAML mapping whose entries stay in document order, duplicates included, so each server's own
/// duplicate-key and key-matching semantics can be applied on top.
/// </summary>
public sealed class YamlMappingNode : YamlNode
{
    private readonly long expandedSize;

    public YamlMappingNode(IReadOnlyList<YamlMappingEntry> entries, int line, int column, string? tag = null, string? anchor = null)
        : base(line, column, tag, anchor)
    {
        Entries = entries;
        expandedSize = 1 + entries.Sum(e => e.Key.ExpandedSize + e.Value.ExpandedSize);
    }

    // The loader's constructor: it has counted the expanded size while reading the entries.
    internal YamlMappingNode(YamlMappingEntry[] entries, long expandedSize, int line, int column, string? tag, string? anchor)
        : base(line, column, tag, anchor)
    {
        Entries = entries;
        this.expandedSize = expandedSize;
    }

    public IReadOnlyList<YamlMappingEntry> Entries { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Mapping;

    internal override long ExpandedSize => expandedSize;

    /// <summary>The last entry whose scalar key equals <paramref name="key"/> under <paramref name="comparison"/>.</summary>
    public YamlMappingEntry? Find(string key, StringComparison comparison = StringComparison.Ordinal) =>
        Entries.LastOrDefault(e => e.KeyText is { } k && string.Equals(k, key, comparison));

    /// <summary>The value of the last entry with this key, or null.</summary>
    public YamlNode? Get(string key, StringComparison comparison = StringComparison.Ordinal) => Find(key, comparison)?.Value;
}
