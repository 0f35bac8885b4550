using System.Text.Json;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The profiles file (profiles.json in the user's config folder): read, and changed under the state-file
/// lock with an atomic replace, so two processes saving profiles keep both.
/// </summary>
public sealed class McpProfileStore
{
    public const string FileName = "profiles.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public McpProfileStore(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>profiles.json in the user's config folder (XDG_CONFIG_HOME/McpRegistryAuth on Linux).</summary>
    public static string DefaultPath => System.IO.Path.Combine(UserFolders.Config, FileName);

    public string Path { get; }

    public IReadOnlyList<McpProfile> ReadAll()
    {
        if (!File.Exists(Path)) return [];
        try
        {
            var file = JsonSerializer.Deserialize<ProfilesFile>(File.ReadAllBytes(Path), Json);
            return file?.Profiles?.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        }
        catch (JsonException ex)
        {
            throw new CommandFailureException("ProfilesFileInvalid", FailureCategory.InvalidData, $"The profiles file '{Path}' is {Tokens.JsonParseError.Describe(ex)}{(ex.Path is { } at ? $" at {at}" : "")}.", Path,
                "Fix the JSON by hand, or remove the file and save the profiles again with Set-McpProfile.");
        }
    }

    /// <exception cref="CommandFailureException">ProfileNotFound.</exception>
    public McpProfile Get(string name) =>
        ReadAll().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CommandFailureException("ProfileNotFound", FailureCategory.ObjectNotFound, $"There is no profile '{name}' in '{Path}'.", name,
            "List the profiles with Get-McpProfile, or save this one with Set-McpProfile.");

    /// <summary>Adds or replaces the profile of that name (names match without regard to case).</summary>
    public void Save(McpProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Change(profiles => profiles.Where(p => !string.Equals(p.Name, profile.Name, StringComparison.OrdinalIgnoreCase)).Append(profile));
    }

    /// <summary>Removes the profile; returns it, or null when there was none of that name.</summary>
    public McpProfile? Remove(string name)
    {
        McpProfile? removed = null;
        Change(profiles =>
        {
            removed = profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            return profiles.Where(p => p != removed);
        });
        return removed;
    }

    private void Change(Func<IReadOnlyList<McpProfile>, IEnumerable<McpProfile>> change)
    {
        UserFolders.Ensure(System.IO.Path.GetDirectoryName(Path)!);
        using var held = FileLock.Acquire(Path, TimeSpan.FromSeconds(10));
        var profiles = change(ReadAll()).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        AtomicFileWriter.WriteAllBytes(Path, JsonSerializer.SerializeToUtf8Bytes(new ProfilesFile { Profiles = profiles }, Json));
    }

    private sealed class ProfilesFile
    {
        public int Version { get; init; } = 1;

        public List<McpProfile>? Profiles { get; init; }
    }
}
