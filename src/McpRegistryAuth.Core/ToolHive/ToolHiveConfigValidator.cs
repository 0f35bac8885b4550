using McpRegistryAuth.Core.Go;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The server's load-time validation of <c>auth</c> (config.go:490-553), in its order and with its
/// messages. The server stops at the first; this reports all, in that order.
/// </summary>
public static class ToolHiveConfigValidator
{
    /// <summary>What cobra prints before every load-time message.</summary>
    public const string LoadPrefix = "failed to load configuration: invalid configuration: ";

    private static readonly HashSet<string> LoopbackHosts = new(StringComparer.Ordinal) { "localhost", "127.0.0.1", "::1" };

    /// <summary>Validation errors for <paramref name="config"/> (null: the auth section is absent for the server).</summary>
    public static IReadOnlyList<Finding> Validate(ToolHiveAuthConfig? config, string? file, YamlPosition? authPosition = null)
    {
        var findings = new List<Finding>();
        if (config is null)
        {
            findings.Add(Error(ToolHiveFindingCodes.AuthRequired, "auth configuration is required", file, authPosition, "auth",
                "Add an auth: section with mode: oauth (and oauth.providers) or mode: anonymous."));
            return findings;
        }

        var positions = config.Positions;
        if (config.Mode is not (ToolHiveAuthMode.OAuth or ToolHiveAuthMode.Anonymous))
        {
            findings.Add(Error(ToolHiveFindingCodes.InvalidMode, $"invalid auth configuration: invalid auth.mode: {config.Mode} (must be 'anonymous' or 'oauth')",
                file, At(positions, "auth.mode") ?? At(positions, "auth"), "auth.mode",
                config.Mode.Length == 0 ? "Add mode: oauth or mode: anonymous under auth: (the file has no default)." : "Write mode: oauth or mode: anonymous exactly, in lower case."));
            return findings;
        }

        if (config.Mode == ToolHiveAuthMode.Anonymous)
        {
            return findings;
        }

        if (config.OAuth is null)
        {
            findings.Add(Error(ToolHiveFindingCodes.OAuthRequired, "invalid auth configuration: auth.oauth is required when mode is oauth", file,
                At(positions, "auth.oauth") ?? At(positions, "auth.mode"), "auth.oauth", "Add an oauth: section with at least one provider under auth:."));
            return findings;
        }

        if (config.OAuth.Providers.Count == 0)
        {
            findings.Add(Error(ToolHiveFindingCodes.ProvidersRequired, "invalid auth configuration: auth.oauth.providers is required when mode is oauth", file,
                At(positions, "auth.oauth.providers") ?? At(positions, "auth.oauth"), "auth.oauth.providers", "Add at least one provider with name, issuerUrl and audience."));
            return findings;
        }

        foreach (var provider in config.OAuth.Providers)
        {
            ValidateProvider(provider, config.InsecureAllowHttp, positions, file, findings);
        }

        return findings;
    }

    private static void ValidateProvider(ToolHiveProvider provider, bool insecure, IReadOnlyDictionary<string, YamlPosition> positions, string? file, List<Finding> findings)
    {
        var i = provider.Index;
        var path = $"auth.oauth.providers[{i}]";
        var providerAt = At(positions, path);
        if (provider.Name.Length == 0)
        {
            findings.Add(Error(ToolHiveFindingCodes.ProviderNameRequired, $"invalid auth configuration: {path}.name is required", file, At(positions, $"{path}.name") ?? providerAt, $"{path}.name",
                "Give the provider a name (used in log lines only)."));
        }

        var issuerAt = At(positions, $"{path}.issuerUrl") ?? providerAt;
        if (provider.IssuerUrl.Length == 0)
        {
            findings.Add(Error(ToolHiveFindingCodes.IssuerRequired, $"invalid auth configuration: {path}.issuerUrl is required", file, issuerAt, $"{path}.issuerUrl",
                "Set issuerUrl to the exact iss value of the provider's tokens."));
        }
        else
        {
            var url = GoUrl.Parse(provider.IssuerUrl, out var parseError);
            if (url is null)
            {
                var finding = Error(ToolHiveFindingCodes.IssuerInvalid, $"invalid auth configuration: {path}.issuerUrl is invalid: {parseError}", file, issuerAt, $"{path}.issuerUrl",
                    "Correct the URL; it must be the provider's issuer, e.g. https://idp.example.com/realms/acme.");
                findings.Add(finding with { ExactText = parseError!.Contains("in host name", StringComparison.Ordinal) });
            }
            else if (!url.IsAbsolute || url.Host.Length == 0)
            {
                findings.Add(Error(ToolHiveFindingCodes.IssuerNotAbsolute, $"invalid auth configuration: {path}.issuerUrl must be an absolute URL with host", file, issuerAt, $"{path}.issuerUrl",
                    "Write the full URL including https:// and the host."));
            }
            else if (url.Scheme != "https" && !insecure && !LoopbackHosts.Contains(url.Hostname))
            {
                findings.Add(Error(ToolHiveFindingCodes.IssuerNotHttps, $"invalid auth configuration: {path}.issuerUrl must use HTTPS (set THV_REGISTRY_INSECURE_URL=true to allow HTTP)", file, issuerAt, $"{path}.issuerUrl",
                    "Use the provider's https issuer; for a local test IdP set THV_REGISTRY_INSECURE_URL=true and allowPrivateIP: true."));
            }
        }

        if (provider.Audience.Length == 0)
        {
            findings.Add(Error(ToolHiveFindingCodes.AudienceRequired, $"invalid auth configuration: {path}.audience is required", file, At(positions, $"{path}.audience") ?? providerAt, $"{path}.audience",
                "Set audience to a value the provider puts in the token's aud claim."));
        }
    }

    /// <summary>The load-time loopback exemption: the host compared exactly with localhost, 127.0.0.1 and ::1.</summary>
    public static bool IsLoopbackHost(string hostname) => LoopbackHosts.Contains(hostname);

    private static YamlPosition? At(IReadOnlyDictionary<string, YamlPosition> positions, string path) => positions.TryGetValue(path, out var p) ? p : null;

    private static Finding Error(string code, string message, string? file, YamlPosition? at, string path, string fix) => new()
    {
        Severity = FindingSeverity.Error,
        Code = code,
        Message = LoadPrefix + message,
        ExactText = true,
        File = file,
        Line = at?.Line,
        Column = at?.Column,
        Path = path,
        Fix = fix,
    };
}
