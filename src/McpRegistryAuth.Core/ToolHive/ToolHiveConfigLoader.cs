using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// Loads a ToolHive Registry Server configuration the way the server does (viper + mapstructure,
/// THV_REGISTRY_* overrides), validates <c>auth</c> in its order, checks the files it names and
/// reports the silent pitfalls. Never throws for bad input: every problem is a Finding.
/// </summary>
public static class ToolHiveConfigLoader
{
    /// <summary>The extensions viper accepts (case-sensitive).</summary>
    private static readonly HashSet<string> SupportedExtensions = new(StringComparer.Ordinal)
    {
        "json", "toml", "yaml", "yml", "properties", "props", "prop", "hcl", "tfvars", "dotenv", "env", "ini",
    };

    /// <summary>The top-level sections besides auth that the server checks first.</summary>
    internal static readonly string[] OtherSections = ["sources", "registries", "database"];

    public static ToolHiveConfigReport LoadFile(string path, IReadOnlyDictionary<string, string>? environment = null, string? fileRoot = null) =>
        LoadFile(path, environment, fileRoot, authModeFlag: null);

    /// <param name="path">The configuration file.</param>
    /// <param name="environment">The server's environment variables.</param>
    /// <param name="fileRoot">A folder standing for the container's root, for the files providers name.</param>
    /// <param name="authModeFlag">The value of <c>serve --auth-mode</c>, applied after validation; null when not given.</param>
    public static ToolHiveConfigReport LoadFile(string path, IReadOnlyDictionary<string, string>? environment, string? fileRoot, string? authModeFlag)
    {
        ArgumentNullException.ThrowIfNull(path);
        var ext = Path.GetExtension(path).TrimStart('.');
        if (!SupportedExtensions.Contains(ext))
        {
            var error = new Finding
            {
                Severity = FindingSeverity.Error,
                Code = ToolHiveFindingCodes.UnsupportedConfigType,
                Message = $"Unsupported Config Type \"{ext}\"",
                File = path,
                Fix = "Name the file with a lower-case .yaml or .yml extension (the check is case-sensitive).",
            };
            return new ToolHiveConfigReport { Findings = [error], FirstError = error };
        }

        var document = YamlLoader.LoadFile(path, YamlLoadOptions.ToolHive);
        return Evaluate(document, environment, fileRoot, authModeFlag);
    }

    public static ToolHiveConfigReport Load(string yaml, string? file = null, IReadOnlyDictionary<string, string>? environment = null, string? fileRoot = null) =>
        Evaluate(YamlLoader.Load(yaml, file, YamlLoadOptions.ToolHive), environment, fileRoot);

    public static ToolHiveConfigReport Load(string yaml, string? file, IReadOnlyDictionary<string, string>? environment, string? fileRoot, string? authModeFlag) =>
        Evaluate(YamlLoader.Load(yaml, file, YamlLoadOptions.ToolHive), environment, fileRoot, authModeFlag);

    /// <summary>
    /// Evaluates a loaded configuration, or the <c>config:</c> section of a Helm values file (the chart
    /// renders it as config.yaml), with findings at that section's lines and paths.
    /// </summary>
    public static ToolHiveConfigReport Evaluate(YamlDocument document, IReadOnlyDictionary<string, string>? environment = null, string? fileRoot = null, string? authModeFlag = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (HelmValues.ConfigSection(document.Root) is not { } section)
        {
            return Evaluate(document, document.Root, environment, fileRoot, authModeFlag, []);
        }

        var narration = new List<string> { $"A Helm values file: the chart renders its {HelmValues.ConfigKey}: section (line {section.Key.Line}) as the server's config.yaml; that section is evaluated." };
        return HelmValues.Relocate(Evaluate(document, section.Value, environment, fileRoot, authModeFlag, narration), section);
    }

    private static ToolHiveConfigReport Evaluate(YamlDocument document, YamlNode? root, IReadOnlyDictionary<string, string>? environment, string? fileRoot, string? authModeFlag, List<string> narration)
    {
        environment ??= new Dictionary<string, string>();
        var file = document.File;
        var errors = new List<Finding>(document.Findings.Where(f => f.Severity == FindingSeverity.Error));
        var others = new List<Finding>(document.Findings.Where(f => f.Severity != FindingSeverity.Error));
        if (errors.Count > 0)
        {
            narration.Add("The YAML could not be loaded; the server stops with 'failed to read config file: While parsing config: yaml: ...'.");
            // A duplicate key still leaves a complete tree: keep going (last value wins) so the other problems show too.
            if (root is null) return Report(null, errors, others, narration);
        }

        if (root is not null and not YamlMappingNode)
        {
            errors.Add(YamlShape.WrongKind(root, YamlNodeKind.Mapping, "", file));
            return Report(null, errors, others, narration);
        }

        var rootMap = root as YamlMappingNode;
        var decodeFindings = new List<Finding>();
        var viperRoot = rootMap is null ? null : (ViperMap?)ViperTree.Build(rootMap, file, decodeFindings);
        Narrate(rootMap, narration);
        if (viperRoot is not null)
        {
            viperRoot = ToolHiveEnvironment.Apply(viperRoot, environment, file, decodeFindings, narration);
        }

        var insecure = ToolHiveEnvironment.InsecureAllowHttp(viperRoot, environment, out var insecureYamlKey);
        if (insecureYamlKey is not null && !(environment.TryGetValue(ToolHiveEnvironment.InsecureUrl, out var envInsecure) && envInsecure.Length > 0) && insecure)
        {
            decodeFindings.Add(new Finding
            {
                Severity = FindingSeverity.Warning,
                Code = ToolHiveFindingCodes.InsecureUrlFromYaml,
                Message = "The top-level key insecure_url: true is honoured like THV_REGISTRY_INSECURE_URL (viper reads env-only settings from the file too): plain-http issuers and JWKS are allowed.",
                File = file,
                Line = insecureYamlKey.KeyNode.Line,
                Column = insecureYamlKey.KeyNode.Column,
                Path = insecureYamlKey.WrittenKey,
                Fix = "Remove insecure_url from the file; set THV_REGISTRY_INSECURE_URL only where HTTP is really intended (local tests).",
            });
        }

        narration.Add($"Insecure HTTP allowed: {insecure}.");
        var decoder = new ToolHiveConfigDecoder(file, decodeFindings);
        var config = viperRoot is null ? null : decoder.Decode(viperRoot, insecure);
        if (config is not null && environment.TryGetValue(ToolHiveFetchRules.DisableUrlValidation, out var disable) && string.Equals(disable, "true", StringComparison.OrdinalIgnoreCase))
        {
            config = config with { DisableUrlValidation = true };
        }

        errors.AddRange(decodeFindings.Where(f => f.Severity == FindingSeverity.Error));
        others.AddRange(decodeFindings.Where(f => f.Severity != FindingSeverity.Error));
        if (decoder.Failed)
        {
            narration.Add("The server cannot decode the configuration (mapstructure error); validation does not run.");
            return Report(config, errors, others, narration);
        }

        var authKey = rootMap?.Entries.LastOrDefault(e => string.Equals(e.KeyText, "auth", StringComparison.OrdinalIgnoreCase));
        errors.AddRange(ToolHiveConfigValidator.Validate(config, file, authKey is null ? null : new YamlPosition(authKey.Key.Line, authKey.Key.Column)));
        if (Fragment(rootMap, file) is { } fragment)
        {
            others.Add(fragment);
        }

        if (config is not null && authModeFlag is not null)
        {
            config = ApplyAuthModeFlag(config, authModeFlag, file, errors, others, narration);
        }

        if (config is not null)
        {
            NarrateConfig(config, narration);
            var fileFindings = ToolHiveFileChecks.Check(config, fileRoot, file, environment);
            errors.AddRange(fileFindings.Where(f => f.Severity == FindingSeverity.Error));
            others.AddRange(fileFindings.Where(f => f.Severity != FindingSeverity.Error));
            others.AddRange(ToolHivePitfalls.Evaluate(config, root, environment, file));
        }

        return Report(config, errors, others, narration);
    }

    /// <summary>
    /// <c>serve --auth-mode</c> (serve.go, factory.go): applied after validation without re-validating,
    /// so a file in anonymous mode run with --auth-mode oauth never has its providers checked.
    /// </summary>
    private static ToolHiveAuthConfig? ApplyAuthModeFlag(ToolHiveAuthConfig config, string flag, string? file, List<Finding> errors, List<Finding> others, List<string> narration)
    {
        narration.Add($"--auth-mode {flag} replaces the file's mode '{config.Mode}' after validation.");
        Finding BuildError(string message, string fix) => new()
        {
            Severity = FindingSeverity.Error,
            Code = ToolHiveFindingCodes.AuthModeFlag,
            Message = ToolHiveFileChecks.BuildPrefix + message,
            ExactText = true,
            File = file,
            Path = "--auth-mode",
            Fix = fix,
        };

        if (flag is not (ToolHiveAuthMode.OAuth or ToolHiveAuthMode.Anonymous))
        {
            errors.Add(BuildError($"unsupported auth mode: {flag}", "Pass --auth-mode oauth or --auth-mode anonymous."));
            return config;
        }

        if (flag == ToolHiveAuthMode.OAuth && config.Mode != ToolHiveAuthMode.OAuth)
        {
            if (config.OAuth is null)
            {
                errors.Add(BuildError("oauth configuration is required for oauth mode", "Add auth.oauth with providers to the file."));
            }
            else if (config.OAuth.Providers.Count == 0)
            {
                errors.Add(BuildError("failed to create multi-provider middleware: at least one provider must be configured", "Add at least one provider under auth.oauth.providers."));
            }
            else
            {
                others.Add(new Finding
                {
                    Severity = FindingSeverity.Warning,
                    Code = ToolHiveFindingCodes.AuthModeFlag,
                    Message = "The file says anonymous and --auth-mode says oauth: the providers were validated by nobody (no name, issuer or HTTPS checks); the server starts with them as written.",
                    File = file,
                    Path = "--auth-mode",
                    Fix = "Set mode: oauth in the file so the server validates the providers at startup.",
                });
            }
        }

        return config with { Mode = flag };
    }

    private static ToolHiveConfigReport Report(ToolHiveAuthConfig? config, List<Finding> errors, List<Finding> others, List<string> narration)
    {
        var first = errors.FirstOrDefault();
        if (first is not null)
        {
            errors[0] = first with { Fix = "The server stops at this first error. " + first.Fix };
            narration.Add($"The server would print: Error: {first.Message}");
        }

        var ordered = errors
            .Concat(others.Where(f => f.Severity == FindingSeverity.Warning).OrderBy(f => f.Line ?? int.MaxValue))
            .Concat(others.Where(f => f.Severity == FindingSeverity.Info).OrderBy(f => f.Line ?? int.MaxValue))
            .ToList();
        return new ToolHiveConfigReport { Config = config, Findings = ordered, FirstError = ordered.FirstOrDefault(f => f.Severity == FindingSeverity.Error), Narration = narration };
    }

    /// <summary>THV050 for an auth fragment (no sources, registries or database section); null for a complete file.</summary>
    private static Finding? Fragment(YamlMappingNode? root, string? file)
    {
        if (OtherSections.Any(s => root?.Entries.Any(e => string.Equals(e.KeyText, s, StringComparison.OrdinalIgnoreCase)) == true))
        {
            return null;
        }

        return new Finding
        {
            Severity = FindingSeverity.Info,
            Code = ToolHiveFindingCodes.FragmentNotEvaluated,
            Message = "This file is treated as an auth fragment: it has no sources, registries or database section, and the checks the server runs on those before auth were not evaluated.",
            File = file,
        };
    }

    private static void Narrate(YamlMappingNode? root, List<string> narration)
    {
        if (root is null)
        {
            narration.Add("The file is empty.");
            return;
        }

        narration.Add("Top-level keys: " + string.Join(", ", root.Entries.Select(e => $"{e.KeyText} (line {e.Key.Line})")) + ".");
    }

    private static void NarrateConfig(ToolHiveAuthConfig config, List<string> narration)
    {
        narration.Add($"auth.mode = '{config.Mode}'.");
        narration.Add($"Public paths (defaults + configured): {string.Join(", ", config.EffectivePublicPaths)}.");
        if (config.OAuth is { } oauth)
        {
            narration.Add($"auth.oauth.resourceUrl = '{oauth.ResourceUrl}'; realm = '{oauth.EffectiveRealm}'{(oauth.Realm.Length == 0 ? " (default)" : "")}.");
            foreach (var p in oauth.Providers)
            {
                narration.Add($"Provider {p.Index} '{p.Name}': issuer '{p.IssuerUrl}', audience '{p.Audience}', keys from {(p.JwksUrl.Length > 0 ? p.JwksUrl : p.DiscoveryUrl)}" +
                    $"{(p.IntrospectionUrl.Length > 0 ? $", introspection {p.IntrospectionUrl}" : "")}, allowPrivateIP {p.AllowPrivateIP}.");
            }
        }

        narration.Add(config.Authz is null
            ? "auth.authz absent: every authenticated caller holds every role; claim gates are off."
            : "auth.authz present: " + string.Join("; ", config.Authz.Roles.Select(r => $"{r.Key} {r.Value.Count} rule(s)")) + ".");
    }
}
