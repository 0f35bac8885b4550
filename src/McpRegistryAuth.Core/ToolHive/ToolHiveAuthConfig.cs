namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The <c>auth:</c> section of a ToolHive Registry Server configuration as the server decodes it
/// (viper key semantics, environment overrides applied). Null sub-sections are absent for the server.
/// </summary>
public sealed record ToolHiveAuthConfig
{
    /// <summary>The public paths the server always adds before the configured ones.</summary>
    public static IReadOnlyList<string> DefaultPublicPaths { get; } = ["/openapi.json", "/.well-known"];

    public string Mode { get; init; } = "";

    public IReadOnlyList<string> PublicPaths { get; init; } = [];

    public ToolHiveOAuthConfig? OAuth { get; init; }

    public ToolHiveAuthz? Authz { get; init; }

    /// <summary>From THV_REGISTRY_INSECURE_URL, or the top-level YAML key <c>insecure_url</c>.</summary>
    public bool InsecureAllowHttp { get; init; }

    /// <summary>INSECURE_DISABLE_URL_VALIDATION=true (case-insensitive) in the server's environment: no toolhive HTTPS checks at fetch time.</summary>
    public bool DisableUrlValidation { get; init; }

    /// <summary>Defaults followed by the configured paths, as the middleware sees them.</summary>
    public IReadOnlyList<string> EffectivePublicPaths => [.. DefaultPublicPaths, .. PublicPaths];

    public bool IsOAuth => Mode == ToolHiveAuthMode.OAuth;

    /// <summary>Providers in the order the server tries them (empty in anonymous mode).</summary>
    public IReadOnlyList<ToolHiveProvider> Providers => OAuth?.Providers ?? [];

    /// <summary>Where each value was written, keyed by its path (e.g. <c>auth.oauth.providers[0].issuerUrl</c>).</summary>
    public IReadOnlyDictionary<string, YamlPosition> Positions { get; init; } = new Dictionary<string, YamlPosition>();

    public string? File { get; init; }
}
