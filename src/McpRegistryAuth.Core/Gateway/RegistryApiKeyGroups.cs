using McpRegistryAuth.Core.Files;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>The groups the REGISTRY_API_KEYS entries of a gateway .env use, for tab completion of New-RegistryApiToken -Group.</summary>
public static class RegistryApiKeyGroups
{
    /// <summary>Each group once, in entry order, described by the keys that have it; none when the variable is unset or unreadable.</summary>
    /// <exception cref="FileContentException">The file cannot be read.</exception>
    public static IReadOnlyList<(string Name, string Description)> FromEnvFile(string path)
    {
        var document = DotEnvFile.Parse(TextFileContent.Read(path).Text, path);
        var entries = RegistryApiKeys.Parse(document.Find(RegistryApiKeys.VariableName)?.Value).Entries;
        return entries.SelectMany(e => e.Groups).Distinct(StringComparer.Ordinal)
            .Select(g => (g, $"group of API key(s) {string.Join(", ", entries.Where(e => e.Groups.Contains(g)).Select(e => e.Name))} in {Path.GetFileName(path)}"))
            .ToList();
    }
}
