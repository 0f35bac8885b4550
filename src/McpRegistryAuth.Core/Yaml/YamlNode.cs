namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// One node of a loaded YAML document with its position (1-based line and column of its first
/// character). The tree is our own so callers never see YamlDotNet types.
/// </summary>
public abstract class YamlNode
{
    private protected YamlNode(int line, int column, string? tag, string? anchor)
    {
        Line = line;
        Column = column;
        Tag = tag;
        Anchor = anchor;
    }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The explicit tag (e.g. <c>!!str</c> or <c>tag:yaml.org,2002:str</c>), null when none was written.</summary>
    public string? Tag { get; }

    /// <summary>The anchor name defined on this node, if any.</summary>
    public string? Anchor { get; }

    public abstract YamlNodeKind Kind { get; }

    /// <summary>Nodes in the tree under this one, counting aliases as often as they are used (alias expansion size).</summary>
    internal abstract long ExpandedSize { get; }

    /// <summary>A short word for messages: "a mapping", "a sequence", "a scalar", "null".</summary>
    public string Describe() => this switch
    {
        YamlScalarNode { IsNull: true } => "null",
        YamlScalarNode => "a scalar",
        YamlSequenceNode => "a sequence (list)",
        _ => "a mapping",
    };
}
