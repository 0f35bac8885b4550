namespace McpRegistryAuth.Core.Yaml;

public enum YamlNodeKind
{
    Scalar,
    Sequence,
    Mapping,
}
