namespace McpRegistryAuth.Core.Yaml;

/// <summary>One key/value pair of a mapping, as written (duplicates are kept as separate entries).</summary>
public sealed record YamlMappingEntry(YamlNode Key, YamlNode Value)
{
    /// <summary>The key's text when it is a scalar; null for a complex (mapping or sequence) key.</summary>
    public string? KeyText => (Key as YamlScalarNode)?.Value;
}
