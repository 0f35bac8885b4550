namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// One entry of <c>auth.oauth.providers</c> after the server's decoding (weak typing applied;
/// absent strings are ""). Providers are tried in <see cref="Index"/> order; the first to accept wins.
/// </summary>
public sealed record ToolHiveProvider
{
    public required int Index { get; init; }
    public string Name { get; init; } = "";
    public string IssuerUrl { get; init; } = "";
    public string Audience { get; init; } = "";
    public string JwksUrl { get; init; } = "";
    public string IntrospectionUrl { get; init; } = "";
    public string ClientId { get; init; } = "";
    public string ClientSecretFile { get; init; } = "";
    public string CaCertPath { get; init; } = "";
    public string AuthTokenFile { get; init; } = "";
    public bool AllowPrivateIP { get; init; }

    /// <summary>Line of the provider's first key in the file, when it came from a file.</summary>
    public int? Line { get; init; }

    /// <summary>The OIDC discovery URL the server fetches (one trailing slash removed), or null when <see cref="JwksUrl"/> skips discovery.</summary>
    public string? DiscoveryUrl => JwksUrl.Length > 0 ? null : ToolHiveDiscovery.OpenIdConfigurationUrl(IssuerUrl);
}
