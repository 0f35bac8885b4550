namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// Picks the server family for Test-RegistryToken: an explicit choice wins; otherwise the kind of
/// settings given decides, and settings of two families at once are ambiguous.
/// </summary>
public static class RegistryTypeResolver
{
    /// <returns>The family, or null when no server settings were given at all (token inspection only).</returns>
    public static RegistryType? Resolve(RegistryType? requested, bool hasGatewaySettings, bool hasToolHiveConfig, bool hasToolRegistryTokens)
    {
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
