namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// Picks the server family for Test-RegistryToken: an explicit choice wins; otherwise the kind of
/// settings given decides, and settings of two families at once are ambiguous. With a ToolHive configuration file,
/// environment settings (-EnvFile, -Environment, -UseProcessEnvironment) are its THV_REGISTRY_* overrides, not gateway settings.
/// </summary>
public static class RegistryTypeResolver
{
    /// <param name="requested">-RegistryType, when given.</param>
    /// <param name="hasEnvironmentSettings">Whether settings were given as environment variables (a .env file, a hashtable or the process environment).</param>
    /// <param name="hasToolHiveConfig">Whether a ToolHive configuration file was given.</param>
    /// <param name="hasToolRegistryTokens">Whether a toolregistry-server tokens file was given.</param>
    /// <returns>The family, or null when no server settings were given at all (token inspection only).</returns>
    public static RegistryType? Resolve(RegistryType? requested, bool hasEnvironmentSettings, bool hasToolHiveConfig, bool hasToolRegistryTokens)
    {
        var hasGatewaySettings = hasEnvironmentSettings && !hasToolHiveConfig;
        if (requested is not null)
        {
            return requested;
        }

        var candidates = new List<RegistryType>();
        if (hasGatewaySettings)
        {
            candidates.Add(RegistryType.Gateway);
        }

        if (hasToolHiveConfig)
        {
            candidates.Add(RegistryType.ToolHive);
        }

        if (hasToolRegistryTokens)
        {
            candidates.Add(RegistryType.ToolRegistry);
        }

        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new ArgumentException($"Settings for {string.Join(" and ", candidates)} were given; name the server with -RegistryType."),
        };
    }
}
