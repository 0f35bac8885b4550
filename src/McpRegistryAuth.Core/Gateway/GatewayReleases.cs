namespace McpRegistryAuth.Core.Gateway;

/// <summary>Reading and naming <see cref="GatewayRelease"/> values (Latest is an alias, so ToString alone is ambiguous).</summary>
public static class GatewayReleases
{
    /// <summary>The names a -GatewayRelease parameter accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [nameof(GatewayRelease.Latest), nameof(GatewayRelease.V124), nameof(GatewayRelease.V130), nameof(GatewayRelease.V132)];

    /// <summary>Parses a name in any case; Latest resolves to the newest release modelled.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static GatewayRelease Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var known in Names)
        {
            if (string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase)) return Enum.Parse<GatewayRelease>(known);
        }

        throw new ArgumentException($"Unknown gateway release '{name}': use one of {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>"1.24", "1.30" or "1.32", as the docs and messages name a release.</summary>
    public static string Describe(GatewayRelease release) => release switch
    {
        GatewayRelease.V124 => "1.24",
        GatewayRelease.V130 => "1.30",
        _ => "1.32",
    };
}
