namespace McpRegistryAuth.Core.Yaml;

/// <summary>How a scalar was written; quoting decides whether <c>true</c> or <c>null</c> is a string.</summary>
public enum YamlScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}
