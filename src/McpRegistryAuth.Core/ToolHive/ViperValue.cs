using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// A value as viper hands it to mapstructure: map keys lower-cased, empty maps and nulls dropped,
/// scalars resolved the way go-yaml v3 types them. <see cref="Source"/> keeps the YAML position.
/// </summary>
internal abstract record ViperValue(YamlNode Source, string Path);

/// <summary>One entry of a viper map: the key as written (for messages) and its lower-cased form.</summary>
internal sealed record ViperEntry(string Key, string WrittenKey, YamlNode KeyNode, ViperValue Value);

internal sealed record ViperMap(YamlNode Source, string Path, IReadOnlyList<ViperEntry> Entries) : ViperValue(Source, Path)
{
    public ViperEntry? Find(string lowerKey) => Entries.LastOrDefault(e => e.Key == lowerKey);
}

internal sealed record ViperList(YamlNode Source, string Path, IReadOnlyList<ViperValue> Items) : ViperValue(Source, Path);

/// <summary>A scalar with the Go type go-yaml v3 would give it.</summary>
internal sealed record ViperScalar(YamlNode Source, string Path, string Text, GoScalarType Type, bool FromEnvironment = false) : ViperValue(Source, Path);

internal enum GoScalarType
{
    String,
    Bool,
    Int,
    Float,
    Null,
}
