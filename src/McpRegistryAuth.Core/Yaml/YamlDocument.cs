namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// The result of loading a YAML file: the root node (null when the document is empty or could not be
/// loaded) and every problem found, each with its line.
/// </summary>
public sealed record YamlDocument(YamlNode? Root, IReadOnlyList<Finding> Findings, string? File)
{
    /// <summary>True when an Error finding means the server would refuse the file.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}
