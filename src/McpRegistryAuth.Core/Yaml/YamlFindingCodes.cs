namespace McpRegistryAuth.Core.Yaml;

/// <summary>Stable codes of YAML-level findings, shared by every server's loader.</summary>
public static class YamlFindingCodes
{
    /// <summary>The file is larger than the size cap.</summary>
    public const string TooLarge = "YAML001";

    /// <summary>The text is not valid YAML (includes tab indentation).</summary>
    public const string Syntax = "YAML002";

    /// <summary>A key appears twice in one mapping.</summary>
    public const string DuplicateKey = "YAML003";

    /// <summary>Aliases expand to more nodes than allowed (alias bomb).</summary>
    public const string AliasExpansion = "YAML004";

    /// <summary>Nesting deeper than allowed.</summary>
    public const string TooDeep = "YAML005";

    /// <summary>The bytes are not text (NUL bytes or invalid UTF-8).</summary>
    public const string NotText = "YAML006";

    /// <summary>An alias refers to an anchor that was not defined before it.</summary>
    public const string UnknownAlias = "YAML007";

    /// <summary>More than one document in the stream; only the first is read.</summary>
    public const string ExtraDocuments = "YAML008";

    /// <summary>A node has the wrong kind, e.g. a list where a mapping is expected.</summary>
    public const string WrongKind = "YAML009";

    /// <summary>The file could not be read from disk.</summary>
    public const string Unreadable = "YAML010";
}
