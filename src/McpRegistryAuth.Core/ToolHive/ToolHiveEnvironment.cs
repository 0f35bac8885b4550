using McpRegistryAuth.Core.Go;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// viper's AutomaticEnv with prefix THV_REGISTRY: an environment variable overrides a key only when
/// that key is present in the file (env keys are not in AllKeys); an empty value counts as unset.
/// </summary>
internal static class ToolHiveEnvironment
{
    public const string Prefix = "THV_REGISTRY_";
    public const string InsecureUrl = "THV_REGISTRY_INSECURE_URL";

    /// <summary>The variable viper consults for a lower-cased dotted key, e.g. <c>auth.oauth.realm</c> → <c>THV_REGISTRY_AUTH_OAUTH_REALM</c>.</summary>
    public static string VariableFor(string dottedKey) => Prefix + dottedKey.ToUpperInvariant().Replace('.', '_');

    public static ViperMap Apply(ViperMap root, IReadOnlyDictionary<string, string> environment, string? file, List<Finding> findings, List<string> narration)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = (ViperMap)Override(root, "", environment, used, file, findings, narration);
        foreach (var (name, value) in environment)
        {
            if (!name.StartsWith(Prefix + "AUTH", StringComparison.Ordinal) || value.Length == 0 || used.Contains(name)) continue;
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning,
                Code = ToolHiveFindingCodes.EnvironmentOverrideIgnored,
                Message = $"{name} is set but has no effect: the server applies THV_REGISTRY_* variables only to keys already present in the file.",
                File = file,
                Path = name,
                Fix = "Add the key to the file (any value) so the variable can override it, or set the value in the file.",
            });
        }

        return result;
    }

    private static ViperValue Override(ViperValue value, string key, IReadOnlyDictionary<string, string> environment, HashSet<string> used, string? file, List<Finding> findings, List<string> narration)
    {
        if (value is ViperMap map)
        {
            var entries = map.Entries
                .Select(e => e with { Value = Override(e.Value, key.Length == 0 ? e.Key : $"{key}.{e.Key}", environment, used, file, findings, narration) })
                .ToList();
            return map with { Entries = entries };
        }

        var variable = VariableFor(key);
        if (!environment.TryGetValue(variable, out var text) || text.Length == 0) return value;
        used.Add(variable);
        narration.Add($"{variable} overrides {value.Path} (line {value.Source.Line}).");
        findings.Add(new Finding
        {
            Severity = FindingSeverity.Info,
            Code = ToolHiveFindingCodes.EnvironmentOverride,
            Message = $"{variable} overrides {value.Path} written at line {value.Source.Line}.",
            File = file,
            Line = value.Source.Line,
            Column = value.Source.Column,
            Path = value.Path,
        });
        return new ViperScalar(value.Source, value.Path, text, GoScalarType.String, FromEnvironment: true);
    }

    /// <summary><c>v.GetBool("insecure_url")</c>: the environment first, then a top-level YAML key; unparsable counts as false.</summary>
    public static bool InsecureAllowHttp(ViperMap? root, IReadOnlyDictionary<string, string> environment, out ViperEntry? yamlKey)
    {
        yamlKey = root?.Find("insecure_url");
        if (environment.TryGetValue(InsecureUrl, out var text) && text.Length > 0)
        {
            return GoBool.TryParse(text, out var fromEnv) && fromEnv;
        }

        return yamlKey?.Value switch
        {
            ViperScalar { Type: GoScalarType.Bool } b => b.Text is "true" or "True" or "TRUE",
            ViperScalar { Type: GoScalarType.Int or GoScalarType.Float } n => n.Text.Trim('0', '.', '-', '+').Length > 0,
            ViperScalar s => GoBool.TryParse(s.Text, out var parsed) && parsed,
            _ => false,
        };
    }
}
