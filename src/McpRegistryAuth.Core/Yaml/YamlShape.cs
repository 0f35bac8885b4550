namespace McpRegistryAuth.Core.Yaml;

/// <summary>Findings for a node of the wrong kind, e.g. a list where a mapping is expected.</summary>
public static class YamlShape
{
    /// <summary>A YAML009 Error naming the path, the expected kind and what was found, at the node's line.</summary>
    public static Finding WrongKind(YamlNode node, YamlNodeKind expected, string path, string? file, FindingSeverity severity = FindingSeverity.Error, string? code = null) => new()
    {
        Severity = severity,
        Code = code ?? YamlFindingCodes.WrongKind,
        Message = $"{(path.Length == 0 ? "The document" : path)} must be {Article(expected)}, but is {node.Describe()}.",
        File = file,
        Line = node.Line,
        Column = node.Column,
        Path = path,
        Fix = expected switch
        {
            YamlNodeKind.Mapping => $"Write {(path.Length == 0 ? "the document" : path)} as 'key: value' lines indented under it, without '- ' list markers.",
            YamlNodeKind.Sequence => $"Write each item of {path} on its own line starting with '- '.",
            _ => $"Give {path} a single value.",
        },
    };

    private static string Article(YamlNodeKind kind) => kind switch
    {
        YamlNodeKind.Mapping => "a mapping",
        YamlNodeKind.Sequence => "a sequence (list)",
        _ => "a scalar",
    };
}
