using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// A values.yaml of the server's Helm chart (deploy/charts/toolhive-registry-server): the chart renders its
/// <c>config:</c> section verbatim as the server's config.yaml, so that section is what the server reads.
/// </summary>
public static class HelmValues
{
    /// <summary>The values key the chart renders into config.yaml.</summary>
    public const string ConfigKey = "config";

    /// <summary>
    /// The <c>config:</c> entry when the document is a values file: a mapping without any of the server's own
    /// top-level sections whose <c>config</c> key (case-sensitive, as Helm reads it) holds a mapping; else null.
    /// </summary>
    public static YamlMappingEntry? ConfigSection(YamlNode? root)
    {
        if (root is not YamlMappingNode map || map.Entries.Any(e => IsServerSection(e.KeyText)))
        {
            return null;
        }

        return map.Find(ConfigKey) is { Value: YamlMappingNode } config ? config : null;
    }

    /// <summary>
    /// The report with each finding's Path taken from the values file's root (<c>config.auth...</c>), as its
    /// line already is. Paths that do not start at a key of the section (environment variables, flags, and
    /// YAML findings, which already start at the root) are kept.
    /// </summary>
    public static ToolHiveConfigReport Relocate(ToolHiveConfigReport report, YamlMappingEntry section)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(section);
        var keys = ((YamlMappingNode)section.Value).Entries.Select(e => e.KeyText).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var findings = report.Findings
            .Select(f => f.Path is { } path && keys.Contains(FirstSegment(path)) ? f with { Path = $"{ConfigKey}.{path}" } : f)
            .ToList();
        return report with { Findings = findings, FirstError = findings.FirstOrDefault(f => f.Severity == FindingSeverity.Error) };
    }

    private static bool IsServerSection(string? key) =>
        key is not null && (string.Equals(key, "auth", StringComparison.OrdinalIgnoreCase) || ToolHiveConfigLoader.OtherSections.Contains(key, StringComparer.OrdinalIgnoreCase));

    private static string FirstSegment(string path) => path[..(path.IndexOfAny(['.', '[']) is var end and >= 0 ? end : path.Length)];
}
