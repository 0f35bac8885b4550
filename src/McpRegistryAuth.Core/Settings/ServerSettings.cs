using McpRegistryAuth.Core.Files;

namespace McpRegistryAuth.Core.Settings;

/// <summary>
/// The environment a server process would see, built only from what the user names: an env file,
/// an explicit dictionary, and the caller's own process environment only when asked. Later sources
/// win: env file, then process environment, then the explicit dictionary.
/// </summary>
public sealed class ServerSettings
{
    public const string ExplicitSource = "-Environment";
    public const string ProcessSource = "process environment";

    private readonly Dictionary<string, SettingValue> values = new(StringComparer.Ordinal);
    private readonly List<Finding> findings = [];

    public static ServerSettings Empty { get; } = new();

    public IReadOnlyCollection<SettingValue> Values => values.Values;

    /// <summary>Problems in the sources themselves (a malformed env file line).</summary>
    public IReadOnlyList<Finding> Findings => findings;

    public SettingValue? this[string name] => values.TryGetValue(name, out var v) ? v : null;

    public string? Get(string name) => this[name]?.Value;

    public bool IsEmpty => values.Count == 0;

    public static ServerSettings From(DotEnvFile? envFile = null, IReadOnlyDictionary<string, string>? processEnvironment = null, IReadOnlyDictionary<string, string>? explicitValues = null)
    {
        var settings = new ServerSettings();
        if (envFile is not null)
        {
            settings.findings.AddRange(envFile.Findings);
            foreach (var entry in envFile.Entries)
            {
                settings.values[entry.Key] = new SettingValue(entry.Key, entry.Value, "env file", envFile.Path, entry.Line);
            }
        }

        if (processEnvironment is not null)
        {
            foreach (var (name, value) in processEnvironment)
            {
                settings.values[name] = new SettingValue(name, value, ProcessSource);
            }
        }

        if (explicitValues is not null)
        {
            foreach (var (name, value) in explicitValues)
            {
                settings.values[name] = new SettingValue(name, value, ExplicitSource);
            }
        }

        return settings;
    }

    /// <summary>The values as a plain dictionary, for rules that take environment variables.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => values.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);
}
