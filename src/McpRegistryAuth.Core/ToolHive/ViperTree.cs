using System.Globalization;
using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// Turns the YAML tree into what viper gives mapstructure: every map key lower-cased (also inside
/// lists), and at map level nulls and empty maps removed (viper's flattenAndMergeMap emits no key
/// for them). Keys that collide after lower-casing are reported; the server picks one at random.
/// </summary>
internal static class ViperTree
{
    public static ViperValue? Build(YamlNode node, string? file, List<Finding> findings) => Convert(node, "", insideList: false, file, findings);

    private static ViperValue? Convert(YamlNode node, string path, bool insideList, string? file, List<Finding> findings)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                var type = Resolve(scalar);
                if (type == GoScalarType.Null && !insideList) return null;
                return new ViperScalar(scalar, path, scalar.Value, type);

            case YamlSequenceNode sequence:
                var items = new List<ViperValue>();
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var item = Convert(sequence.Items[i], $"{path}[{i}]", insideList: true, file, findings);
                    items.Add(item ?? new ViperScalar(sequence.Items[i], $"{path}[{i}]", "", GoScalarType.Null));
                }

                return new ViperList(sequence, path, items);

            case YamlMappingNode mapping:
                var entries = new List<ViperEntry>();
                var seen = new Dictionary<string, YamlMappingEntry>(StringComparer.Ordinal);
                // go-yaml v3 merge keys: merged entries first, so keys written in the mapping win.
                foreach (var merge in mapping.Entries.Where(IsMergeKey))
                {
                    var sources = merge.Value is YamlSequenceNode list ? list.Items : [merge.Value];
                    foreach (var mergedMap in sources.OfType<YamlMappingNode>())
                    {
                        if (Convert(mergedMap, path, insideList, file, findings) is not ViperMap merged) continue;
                        foreach (var mergedEntry in merged.Entries)
                        {
                            entries.RemoveAll(e => e.Key == mergedEntry.Key);
                            entries.Add(mergedEntry);
                        }
                    }
                }

                foreach (var entry in mapping.Entries)
                {
                    if (IsMergeKey(entry)) continue;
                    var written = (entry.Key as YamlScalarNode)?.Value ?? "";
                    var lower = written.ToLowerInvariant();
                    var childPath = path.Length == 0 ? written : $"{path}.{written}";
                    if (seen.TryGetValue(lower, out var earlier) && earlier.KeyText != written)
                    {
                        findings.Add(new Finding
                        {
                            Severity = FindingSeverity.Warning,
                            Code = ToolHiveFindingCodes.CaseCollision,
                            Message = $"The keys \"{earlier.KeyText}\" (line {earlier.Key.Line}) and \"{written}\" differ only in case; the server lower-cases every key and keeps one of them at random.",
                            File = file,
                            Line = entry.Key.Line,
                            Column = entry.Key.Column,
                            Path = childPath,
                            Fix = $"Keep only one of \"{earlier.KeyText}\" and \"{written}\".",
                        });
                    }

                    seen[lower] = entry;
                    var value = Convert(entry.Value, childPath, insideList, file, findings);
                    if (value is null) continue;
                    if (!insideList && value is ViperMap { Entries.Count: 0 }) continue;
                    entries.RemoveAll(e => e.Key == lower);
                    entries.Add(new ViperEntry(lower, written, entry.Key, value));
                }

                return new ViperMap(mapping, path, entries);
        }

        return null;
    }

    private static bool IsMergeKey(YamlMappingEntry entry) =>
        entry.Key is YamlScalarNode { Value: "<<", Style: YamlScalarStyle.Plain, Tag: null };

    /// <summary>go-yaml v3's resolution of an untagged plain scalar (YAML 1.2 core schema plus its extras).</summary>
    public static GoScalarType Resolve(YamlScalarNode scalar)
    {
        if (scalar.Tag is { } tag)
        {
            return tag switch
            {
                "tag:yaml.org,2002:str" or "!!str" => GoScalarType.String,
                "tag:yaml.org,2002:bool" or "!!bool" => GoScalarType.Bool,
                "tag:yaml.org,2002:int" or "!!int" => GoScalarType.Int,
                "tag:yaml.org,2002:float" or "!!float" => GoScalarType.Float,
                "tag:yaml.org,2002:null" or "!!null" => GoScalarType.Null,
                _ => GoScalarType.String,
            };
        }

        if (scalar.Style != YamlScalarStyle.Plain) return GoScalarType.String;
        var v = scalar.Value;
        if (scalar.IsNull) return GoScalarType.Null;
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return GoScalarType.Bool;
        var digits = v.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return GoScalarType.Int;
        if (digits.StartsWith("0x", StringComparison.Ordinal) && digits.Length > 2 && digits[2..].All(Uri.IsHexDigit)) return GoScalarType.Int;
        if (v is ".inf" or "-.inf" or "+.inf" or ".Inf" or ".INF" or ".nan" or ".NaN" or ".NAN") return GoScalarType.Float;
        if (v.Any(char.IsAsciiDigit) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return GoScalarType.Float;
        return GoScalarType.String;
    }
}
