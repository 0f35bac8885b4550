namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The type a value has once the gateway has parsed it (Python's view: YAML via PyYAML, JSON via the
/// database driver). The FGAC rules depend on it: a string is searched by substring, a list by equality,
/// a mapping by key, and anything else makes Python raise.
/// </summary>
public enum DefinitionValueKind
{
    Null,
    String,
    Number,
    Boolean,
    List,
    Mapping,

    /// <summary>A date or date-time PyYAML's YAML 1.1 timestamp resolver makes of an unquoted scalar (2026-01-01): never equal to a name, not iterable.</summary>
    Timestamp,
}
