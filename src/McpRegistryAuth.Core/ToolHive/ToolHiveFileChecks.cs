using McpRegistryAuth.Core.Http;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The checks the server makes at application build time on files named by the config
/// (clientSecretFile, caCertPath, authTokenFile), with its messages. A file is checked when it
/// exists on this machine, or under <c>fileRoot</c>, which stands for the container's root.
/// </summary>
public static class ToolHiveFileChecks
{
    /// <summary>What cobra prints before every build-time message.</summary>
    public const string BuildPrefix = "failed to build application: failed to build auth middleware: ";

    /// <summary>Environment switch that makes every provider without jwksUrl fail at build time.</summary>
    public const string SkipOidcDiscovery = "TOOLHIVE_SKIP_OIDC_DISCOVERY";

    public static IReadOnlyList<Finding> Check(ToolHiveAuthConfig config, string? fileRoot, string? file, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var findings = new List<Finding>();
        var skipDiscovery = environment is not null && environment.TryGetValue(SkipOidcDiscovery, out var skip) && skip == "true";
        if (!config.IsOAuth) return findings;
        foreach (var p in config.Providers)
        {
            var path = $"auth.oauth.providers[{p.Index}]";
            if (p.ClientSecretFile.Length > 0)
            {
                CheckClientSecret(p, $"{path}.clientSecretFile", config, fileRoot, file, findings);
            }
        }

        foreach (var p in config.Providers)
        {
            var path = $"auth.oauth.providers[{p.Index}]";
            var clientPrefix = $"failed to create multi-provider middleware: failed to create validator for provider \"{p.Name}\": failed to create HTTP client: ";
            if (p.CaCertPath.Length > 0)
            {
                CheckCaCert(p, $"{path}.caCertPath", clientPrefix, config, fileRoot, file, findings);
            }

            if (p.AuthTokenFile.Length > 0)
            {
                CheckAuthToken(p, $"{path}.authTokenFile", clientPrefix, config, fileRoot, file, findings);
            }

            if (skipDiscovery && p.JwksUrl.Length == 0)
            {
                findings.Add(Error(ToolHiveFindingCodes.SkipDiscoveryWithoutJwksUrl,
                    $"failed to create multi-provider middleware: failed to create validator for provider \"{p.Name}\": TOOLHIVE_SKIP_OIDC_DISCOVERY=true requires explicit JWKSURL in config. This env var is for testing only and cannot guess provider-specific JWKS URLs",
                    false, path, config, file, "Set jwksUrl on this provider, or unset TOOLHIVE_SKIP_OIDC_DISCOVERY."));
            }
        }

        return findings;
    }

    private static void CheckClientSecret(ToolHiveProvider p, string path, ToolHiveAuthConfig config, string? fileRoot, string? file, List<Finding> findings)
    {
        var prefix = $"failed to read client secret for provider \"{p.Name}\": failed to read client secret: ";
        var local = Locate(p.ClientSecretFile, fileRoot);
        if (local is null)
        {
            findings.Add(NotChecked(p.ClientSecretFile, path, config, file));
            return;
        }

        if (!File.Exists(local))
        {
            findings.Add(Error(ToolHiveFindingCodes.ClientSecretFile, $"{prefix}failed to resolve path: lstat {p.ClientSecretFile}: no such file or directory", true, path, config, file,
                $"Mount the secret at {p.ClientSecretFile} or correct clientSecretFile."));
            return;
        }

        if (!Path.IsPathRooted(p.ClientSecretFile))
        {
            findings.Add(Error(ToolHiveFindingCodes.ClientSecretFile, $"{prefix}path must be absolute: {p.ClientSecretFile}", false, path, config, file,
                "Write clientSecretFile as an absolute path."));
            return;
        }

        try
        {
            _ = Files.BoundedFileReader.ReadAllBytes(local);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            findings.Add(Error(ToolHiveFindingCodes.ClientSecretFile, $"{prefix}failed to read file: {ex.Message}", false, path, config, file,
                "Make the file readable by the server's user."));
        }
    }

    private static void CheckCaCert(ToolHiveProvider p, string path, string clientPrefix, ToolHiveAuthConfig config, string? fileRoot, string? file, List<Finding> findings)
    {
        var local = Locate(p.CaCertPath, fileRoot);
        if (local is null)
        {
            findings.Add(NotChecked(p.CaCertPath, path, config, file));
            return;
        }

        if (!File.Exists(local))
        {
            findings.Add(Error(ToolHiveFindingCodes.CaCertPath, $"{clientPrefix}failed to read CA certificate bundle: open {p.CaCertPath}: no such file or directory", false, path, config, file,
                $"Mount the CA bundle at {p.CaCertPath} or correct caCertPath."));
            return;
        }

        try
        {
            _ = TrustRoots.FromPemFile(local);
        }
        catch (TrustRootsException ex)
        {
            var message = ex.InnerException is Files.FileContentException { ErrorId: "FileNotRegular" or "FileTooLarge" } refused
                ? $"failed to read CA certificate bundle: {refused.Message}"
                : ex.Message.StartsWith("failed to read", StringComparison.Ordinal)
                    ? $"failed to read CA certificate bundle: open {p.CaCertPath}: permission denied"
                    : ex.Message;
            findings.Add(Error(ToolHiveFindingCodes.CaCertPath, clientPrefix + message, false, path, config, file,
                "caCertPath must name a PEM file with at least one -----BEGIN CERTIFICATE----- block."));
        }
    }

    private static void CheckAuthToken(ToolHiveProvider p, string path, string clientPrefix, ToolHiveAuthConfig config, string? fileRoot, string? file, List<Finding> findings)
    {
        var local = Locate(p.AuthTokenFile, fileRoot);
        if (local is null)
        {
            findings.Add(NotChecked(p.AuthTokenFile, path, config, file));
            return;
        }

        string content;
        try
        {
            content = Files.BoundedFileReader.ReadAllText(local);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is Files.FileContentException { ErrorId: "FileNotFound" or "SymbolicLinkDangling" } ? "no such file or directory" : ex is Files.FileContentException { ErrorId: "FileUnreadable" } or UnauthorizedAccessException ? "permission denied" : ex.Message;
            findings.Add(Error(ToolHiveFindingCodes.AuthTokenFile, $"{clientPrefix}failed to create token source: failed to read auth token file: open {p.AuthTokenFile}: {reason}", false, path, config, file,
                $"Mount the token at {p.AuthTokenFile} or correct authTokenFile."));
            return;
        }

        if (content.Trim().Length == 0)
        {
            findings.Add(Error(ToolHiveFindingCodes.AuthTokenFile, $"{clientPrefix}failed to create token source: auth token file is empty", false, path, config, file,
                "Put the bearer token in the file; the server reads it once at startup."));
        }
    }

    /// <summary>The local path to check, or null when the file is not on this machine and no root maps it.</summary>
    private static string? Locate(string configured, string? fileRoot)
    {
        if (fileRoot is not null)
        {
            return Path.Combine(fileRoot, configured.TrimStart('/', '\\'));
        }

        return File.Exists(configured) ? configured : null;
    }

    private static Finding NotChecked(string configured, string path, ToolHiveAuthConfig config, string? file)
    {
        config.Positions.TryGetValue(path, out var at);
        return new Finding
        {
            Severity = FindingSeverity.Info,
            Code = ToolHiveFindingCodes.FileNotCheckedHere,
            Message = $"{path} names {configured}, which is not on this machine; it was not checked here.",
            File = file,
            Line = at.Line == 0 ? null : at.Line,
            Column = at.Column == 0 ? null : at.Column,
            Path = path,
            Fix = "Pass -FileRoot with a folder that mirrors the container's files to check it.",
        };
    }

    private static Finding Error(string code, string message, bool exact, string path, ToolHiveAuthConfig config, string? file, string fix)
    {
        config.Positions.TryGetValue(path, out var at);
        return new Finding
        {
            Severity = FindingSeverity.Error,
            Code = code,
            Message = BuildPrefix + message,
            ExactText = exact,
            File = file,
            Line = at.Line == 0 ? null : at.Line,
            Column = at.Column == 0 ? null : at.Column,
            Path = path,
            Fix = fix,
        };
    }
}
