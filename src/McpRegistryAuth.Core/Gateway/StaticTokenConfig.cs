using McpRegistryAuth.Core.Python;
using McpRegistryAuth.Core.Settings;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The gateway auth server's static-token state after startup (server.py:555-831): the enable flag and
/// its fallbacks, REGISTRY_API_TOKEN and REGISTRY_API_KEYS, REGISTRY_ROOT_PATH, and the federation
/// token. Startup problems become Findings; a refused REGISTRY_API_TOKEN means the server never starts.
/// </summary>
public sealed class StaticTokenConfig
{
    public const string EnabledButNoTokenMessage =
        "REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true but neither REGISTRY_API_TOKEN nor REGISTRY_API_KEYS is set. Static token auth is DISABLED. Set at least one of these or disable the feature. Falling back to standard IdP JWT validation.";

    private StaticTokenConfig()
    {
    }

    public GatewayRelease Release { get; private init; }

    /// <summary>REGISTRY_STATIC_TOKEN_AUTH_ENABLED as read: only "true" in any case enables.</summary>
    public bool FlagEnabled { get; private init; }

    /// <summary>Whether static-token auth is on after every startup fallback.</summary>
    public bool Enabled { get; private init; }

    /// <summary>Why it is off when the flag says on; null otherwise.</summary>
    public string? DisabledReason { get; private init; }

    /// <summary>True when the auth server refuses to start (a Finding of severity Error says why).</summary>
    public bool StartupRefused { get; private init; }

    /// <summary>The server's message for the first refusal at import (the RuntimeError it raises); null when it starts.</summary>
    public string? StartupRefusal { get; private init; }

    /// <summary>REGISTRY_API_KEYS entries in JSON order, then <c>legacy</c>: the order the server compares in.</summary>
    public IReadOnlyList<StaticKeyEntry> Entries { get; private init; } = [];

    /// <summary>REGISTRY_ROOT_PATH (else ROOT_PATH) with trailing slashes removed.</summary>
    public string RootPath { get; private init; } = "";

    public bool FederationEnabled { get; private init; }

    public Secret? FederationToken { get; private init; }

    public IReadOnlyList<Finding> Findings { get; private init; } = [];

    public IReadOnlyList<Check> StartupChecks { get; private init; } = [];

    public static StaticTokenConfig FromSettings(ServerSettings settings, GatewayRelease release = GatewayRelease.Latest)
    {
        var findings = new List<Finding>(settings.Findings);
        var checks = new List<Check>();

        var flagSetting = settings[GatewaySettingNames.StaticTokenAuthEnabled];
        var flagValue = flagSetting?.Value ?? "false";
        var flag = PythonText.Lower(flagValue) == "true";
        checks.Add(new Check(
            GatewayCheckNames.StaticTokenEnableFlag,
            flag,
            flagSetting is null ? $"{GatewaySettingNames.StaticTokenAuthEnabled} not set (default 'false')" : $"{GatewaySettingNames.StaticTokenAuthEnabled}='{flagValue}' from {flagSetting}",
            "'true' in any case",
            flag || flagSetting is null ? null : "Only the string 'true' enables the feature; '1', 'yes' and 'on' do not."));

        // REGISTRY_API_TOKEN: 1.30 and later strip and strength-check it at import, enabled or not.
        var tokenSetting = settings[GatewaySettingNames.ApiToken];
        Secret? legacy = null;
        var refused = false;
        string? refusal = null;
        if (release >= GatewayRelease.V130)
        {
            var result = SigningSecretRule.Validate(tokenSetting?.Value, GatewaySettingNames.ApiToken, required: false);
            if (!result.IsAccepted)
            {
                refused = true;
                refusal = result.Message;
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Error,
                    Code = result.Problem == SigningSecretProblem.Placeholder ? GatewayFindingCodes.ApiTokenPlaceholder : GatewayFindingCodes.ApiTokenTooShort,
                    Message = $"{result.Message} The auth server does not start (RuntimeError at import), even when static-token auth is disabled.",
                    File = tokenSetting?.File,
                    Line = tokenSetting?.Line,
                    Path = GatewaySettingNames.ApiToken,
                    Fix = "Generate a strong token: New-RegistryApiToken -EnvFile <path> -Force.",
                });
                checks.Add(new Check(GatewayCheckNames.StaticTokenApiTokenStrength, false, $"{GatewaySettingNames.ApiToken} {result.Value.Fingerprint} ({PythonText.Length(result.Value.Reveal())} characters after strip)", "at least 32 characters, not a placeholder", result.Message));
            }
            else if (!result.Value.IsEmpty)
            {
                legacy = result.Value;
                checks.Add(new Check(GatewayCheckNames.StaticTokenApiTokenStrength, true, $"{GatewaySettingNames.ApiToken} {legacy.Fingerprint} ({PythonText.Length(legacy.Reveal())} characters after strip)", "at least 32 characters, not a placeholder"));
            }
        }
        else if (tokenSetting is not null && tokenSetting.Value.Length > 0)
        {
            // 1.24.x reads the value raw: outer white space stays and can never match a stripped bearer.
            legacy = new Secret(tokenSetting.Value);
            if (PythonText.Strip(tokenSetting.Value) != tokenSetting.Value)
            {
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Warning,
                    Code = GatewayFindingCodes.ApiTokenWhiteSpace,
                    Message = $"{GatewaySettingNames.ApiToken} has leading or trailing white space. Release 1.24.x does not strip it, but strips the bearer token, so no request can ever match.",
                    File = tokenSetting.File,
                    Line = tokenSetting.Line,
                    Path = GatewaySettingNames.ApiToken,
                    Fix = "Remove the white space (quotes or a trailing space in the .env line).",
                });
            }
        }

        if (release >= GatewayRelease.V130 && ReadSecretKey(settings, findings, checks) is { } secretKeyRefusal)
        {
            refused = true;
            refusal ??= secretKeyRefusal;
        }

        var keysSetting = settings[GatewaySettingNames.ApiKeys];
        var keysRaw = keysSetting is null ? "" : PythonText.Strip(keysSetting.Value);
        var enabled = flag && !refused;
        string? disabledReason = null;
        if (enabled && legacy is null && keysRaw.Length == 0)
        {
            enabled = false;
            disabledReason = EnabledButNoTokenMessage;
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning,
                Code = GatewayFindingCodes.StaticTokenWithoutToken,
                Message = EnabledButNoTokenMessage,
                ExactText = true,
                File = flagSetting?.File,
                Line = flagSetting?.Line,
                Path = GatewaySettingNames.StaticTokenAuthEnabled,
                Fix = $"Set {GatewaySettingNames.ApiToken} (New-RegistryApiToken -EnvFile <path>) or {GatewaySettingNames.ApiKeys}, or set the flag to false.",
            });
        }

        var entries = new List<StaticKeyEntry>();
        if (enabled)
        {
            var parsed = RegistryApiKeys.Parse(keysRaw);
            if (!parsed.IsValid)
            {
                enabled = false;
                disabledReason = $"Failed to parse REGISTRY_API_KEYS: {parsed.Error}. Static-token auth DISABLED.";
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Error,
                    Code = GatewayFindingCodes.ApiKeysUnparsable,
                    Message = $"{disabledReason} The legacy REGISTRY_API_TOKEN is disabled too.",
                    File = keysSetting?.File,
                    Line = keysSetting?.Line,
                    Path = GatewaySettingNames.ApiKeys,
                    Fix = "Write REGISTRY_API_KEYS as a JSON object {\"name\": {\"key\": \"<32+ characters>\", \"groups\": [\"group\"]}} in single quotes in .env.",
                });
            }
            else
            {
                if (parsed.Repaired)
                {
                    findings.Add(new Finding
                    {
                        Severity = FindingSeverity.Warning,
                        Code = GatewayFindingCodes.ApiKeysRepaired,
                        Message = "REGISTRY_API_KEYS is not valid JSON (its quotes were probably stripped by docker compose); the server auto-repairs it and logs a WARNING.",
                        File = keysSetting?.File,
                        Line = keysSetting?.Line,
                        Path = GatewaySettingNames.ApiKeys,
                        Fix = "Quote the whole value with single quotes in .env so the JSON keeps its double quotes.",
                    });
                }

                entries.AddRange(parsed.Entries);
                if (legacy is not null)
                {
                    entries.Add(new StaticKeyEntry(StaticKeyEntry.LegacyName, legacy, ["mcp-registry-admin"]));
                }

                if (entries.Count == 0)
                {
                    enabled = false;
                    disabledReason = "Static-token auth ENABLED but no keys loaded.";
                }
            }
        }

        var rootSetting = settings[GatewaySettingNames.RegistryRootPath] ?? settings[GatewaySettingNames.RootPath];
        var rootPath = (rootSetting?.Value ?? "").TrimEnd('/');

        var (federationEnabled, federationToken) = ReadFederation(settings, findings);

        return new StaticTokenConfig
        {
            Release = release,
            FlagEnabled = flag,
            Enabled = enabled,
            DisabledReason = disabledReason,
            StartupRefused = refused,
            StartupRefusal = refusal,
            Entries = entries,
            RootPath = rootPath,
            FederationEnabled = federationEnabled,
            FederationToken = federationToken,
            Findings = findings,
            StartupChecks = checks,
        };
    }

    // SECRET_KEY (auth_server/server.py runs validate_secret_key at import, after REGISTRY_API_TOKEN's check, so
    // that refusal is the one raised when both fail). It is judged when the settings name it or come from a
    // .env file, which docker compose passes whole; settings given one by one may simply leave it out.
    private static string? ReadSecretKey(ServerSettings settings, List<Finding> findings, List<Check> checks)
    {
        var setting = settings[SecretKeyRule.Name];
        if (setting is null && !settings.Values.Any(v => v.File is not null))
        {
            return null;
        }

        var result = SecretKeyRule.Validate(setting?.Value);
        var observed = setting is null ? $"{SecretKeyRule.Name} not set"
            : result.Value.IsEmpty ? $"{SecretKeyRule.Name} empty in {setting}"
            : $"{SecretKeyRule.Name} {result.Value.Fingerprint} ({PythonText.Length(result.Value.Reveal())} characters after strip) from {setting}";
        checks.Add(new Check(GatewayCheckNames.StartupSecretKey, result.IsAccepted, observed, "set, at least 32 characters, not a placeholder", result.Message));
        if (result.IsAccepted)
        {
            return null;
        }

        findings.Add(new Finding
        {
            Severity = FindingSeverity.Error,
            Code = result.Problem switch
            {
                SigningSecretProblem.Missing => GatewayFindingCodes.SecretKeyMissing,
                SigningSecretProblem.Placeholder => GatewayFindingCodes.SecretKeyPlaceholder,
                _ => GatewayFindingCodes.SecretKeyTooShort,
            },
            Message = $"{result.Message} The auth server does not start (RuntimeError at import).",
            File = setting?.File,
            Line = setting?.Line,
            Path = SecretKeyRule.Name,
            Fix = "Set SECRET_KEY to a random value of at least 32 characters (New-RegistryApiToken -AsPlainText makes one) and restart the auth server and the registry.",
        });
        return result.Message;
    }

    // Federation static token (server.py:849-890): a refusal only disables the feature.
    private static (bool Enabled, Secret? Token) ReadFederation(ServerSettings settings, List<Finding> findings)
    {
        var flag = settings[GatewaySettingNames.FederationStaticTokenAuthEnabled];
        if (flag is null || PythonText.Lower(flag.Value) != "true")
        {
            return (false, null);
        }

        var tokenSetting = settings[GatewaySettingNames.FederationStaticToken];
        var result = SigningSecretRule.Validate(tokenSetting?.Value, GatewaySettingNames.FederationStaticToken, required: true);
        if (!result.IsAccepted)
        {
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning,
                Code = GatewayFindingCodes.FederationTokenRefused,
                Message = $"{result.Message} Federation static-token auth is disabled (the server logs an ERROR and keeps running).",
                File = tokenSetting?.File ?? flag.File,
                Line = tokenSetting?.Line ?? flag.Line,
                Path = GatewaySettingNames.FederationStaticToken,
                Fix = "Set FEDERATION_STATIC_TOKEN to a strong value (New-RegistryApiToken -AsPlainText).",
            });
            return (false, null);
        }

        return (true, result.Value);
    }
}
