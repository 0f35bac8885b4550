namespace McpRegistryAuth.Core.OAuth;

/// <summary>What a caller of Get-McpAccessToken gave explicitly; each value given wins over the profile's.</summary>
public sealed record TokenParameters
{
    public string? Authority { get; init; }

    public string? TokenEndpoint { get; init; }

    public string? Provider { get; init; }

    public string? ClientId { get; init; }

    public Secret? ClientSecret { get; init; }

    public string? ClientSecretFile { get; init; }

    /// <summary>A private_key_jwt key from a certificate the caller holds.</summary>
    public ClientSigningKey? SigningKey { get; init; }

    public string? PrivateKeyPath { get; init; }

    public string? ClientAuthentication { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    public string? Audience { get; init; }

    public string? CaCertPath { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool ForceRefresh { get; init; }

    public bool NoCache { get; init; }

    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    public string? RegistryUri { get; init; }

    public string? RegistryType { get; init; }

    public string? HeaderStyle { get; init; }

    /// <summary>ClientCredentials, DeviceCode or AuthorizationCode; the profile's, else ClientCredentials.</summary>
    public string? Flow { get; init; }

    /// <summary>The loopback port of a browser sign-in's redirect URI; the profile's, else a free one.</summary>
    public int? RedirectPort { get; init; }

    /// <summary>How long a user sign-in waits for the user (-SignInTimeoutSec); null: 5 minutes for the browser, the code's lifetime for a device code.</summary>
    public TimeSpan? SignInTimeout { get; init; }

    /// <summary>Write the sign-in URL instead of opening a browser.</summary>
    public bool NoBrowser { get; init; }

    /// <summary>The cache file; null for the user's (<see cref="TokenCacheFile.DefaultPath"/>).</summary>
    public string? CachePath { get; init; }
}
