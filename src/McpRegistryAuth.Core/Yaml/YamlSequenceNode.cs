namespace McpRegistryAuth.Core.Yaml;

/// <summary>A YAML sequence (list) in document order.</summary>
public sealed class YamlSequenceNode : YamlNode
{
    private readonly long expandedSize;

    public YamlSequenceNode(IReadOnlyList<YamlNode> items, int line, int column, string? tag = null, string? anchor = null)
        : base(line, column, tag, anchor)
    {
        Items = items;
        expandedSize = 1 + items.Sum(i => i.ExpandedSize);
    }

    // The loader's constructor: it has counted the expanded size while reading the items.
    internal YamlSequenceNode(YamlNode[] items, long expandedSize, int line, int column, string? tag, string? anchor)
        : base(line, column, tag, anchor)
    {
        Items = items;
        this.expandedSize = expandedSize;
    }

    public IReadOnlyList<YamlNode> Items { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Sequence;

    internal override long ExpandedSize => expandedSize;
}
