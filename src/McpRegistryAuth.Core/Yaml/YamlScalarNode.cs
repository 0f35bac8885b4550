namespace McpRegistryAuth.Core.Yaml;

/// <summary>A scalar value as written (no type conversion), with its style and tag.</summary>
public sealed class YamlScalarNode : YamlNode
{
    private static readonly HashSet<string> NullSpellings = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };

    public YamlScalarNode(string value, YamlScalarStyle style, int line, int column, string? tag = null, string? anchor = null)
        : base(line, column, tag, anchor)
    {
        Value = value;
        Style = style;
    }

    public string Value { get; }

    public YamlScalarStyle Style { get; }

    public override YamlNodeKind Kind => YamlNodeKind.Scalar;

    /// <summary>True for an untagged plain scalar that YAML resolves to null (empty, <c>~</c>, <c>null</c>).</summary>
    public bool IsNull => Style == YamlScalarStyle.Plain && Tag is null && NullSpellings.Contains(Value);

    internal override long ExpandedSize => 1;

    public override string ToString() => Value;
}
