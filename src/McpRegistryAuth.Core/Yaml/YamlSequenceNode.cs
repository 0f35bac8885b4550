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

    public IReadOnlyList<YamlNode> Items { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Sequence;

    internal override long ExpandedSize => expandedSize;
}
