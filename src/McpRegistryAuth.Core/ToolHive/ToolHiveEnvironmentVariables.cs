namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The process environment variables the ToolHive Registry Server reads (THV_REGISTRY_*, TOOLHIVE_*,
/// INSECURE_DISABLE_URL_VALIDATION), and how each is shown: the auth switches as text, anything that may
/// hold a secret (database passwords, client secrets) only as a fingerprint.
/// </summary>
public static class ToolHiveEnvironmentVariables
{
    private static readonly string[] ReadPrefixes = [ToolHiveEnvironment.Prefix, "TOOLHIVE_", "INSECURE_DISABLE_URL_VALIDATION"];

    private static readonly HashSet<string> ShownInClear = new(StringComparer.Ordinal)
    {
        ToolHiveEnvironment.InsecureUrl, "INSECURE_DISABLE_URL_VALIDATION", "TOOLHIVE_SKIP_OIDC_DISCOVERY", "THV_REGISTRY_LOG_LEVEL",
    };

    private static readonly string[] SecretWords = ["SECRET", "TOKEN", "PASSWORD", "KEY", "CREDENTIAL"];

    /// <summary>
    /// The environment the server would see: the variables it reads from the process environment (when
    /// given), then the values given explicitly, which win. Each is reported as it is shown (secrets as fingerprints).
    /// </summary>
    public static Dictionary<string, string> Collect(IReadOnlyDictionary<string, string>? processEnvironment, IReadOnlyDictionary<string, string>? given, Reporting.IReportWriter report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in processEnvironment ?? new Dictionary<string, string>())
        {
            if (IsReadByServer(name))
            {
                environment[name] = value;
            }
        }

        foreach (var (name, value) in given ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        foreach (var (name, value) in environment)
        {
            report.Verbose($"Environment: {name} = {Shown(name, value)}.");
        }

        return environment;
    }

    /// <summary>Whether the server reads this variable; others in the process environment are left out.</summary>
    public static bool IsReadByServer(string name) =>
        ReadPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The value as it may be shown: quoted text for the auth switches, else the Secret fingerprint.</summary>
    public static string Shown(string name, string value)
    {
        var inClear = ShownInClear.Contains(name)
            || (name.StartsWith(ToolHiveEnvironment.Prefix + "AUTH_", StringComparison.Ordinal) && !MayHoldSecret(name));
        return inClear ? $"'{value}'" : new Secret(value).ToString();
    }

    private static bool MayHoldSecret(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
