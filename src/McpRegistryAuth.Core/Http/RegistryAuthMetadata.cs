namespace McpRegistryAuth.Core.Http;

/// <summary>Everything a client learns about a protected registry: its challenge, its RFC 9728 document and its authorization servers.</summary>
public sealed record RegistryAuthMetadata
{
    public required string RegistryUri { get; init; }

    /// <summary>Status of the unauthenticated probe; null when no probe was made (header given) or it failed.</summary>
    public int? ProbeStatus { get; init; }

    /// <summary>Why the registry gave no HTTP answer (host not found, connection refused, timed out); null when it answered.</summary>
    public string? Unreachable { get; init; }

    public AuthenticationChallenge? Challenge { get; init; }

    public string? ResourceMetadataUrl { get; init; }

    public ResourceMetadataSource? ResourceMetadataSource { get; init; }

    /// <summary>The document exactly as received.</summary>
    public string? ResourceMetadataDocument { get; init; }

    public string? Resource { get; init; }

    public IReadOnlyList<string> AuthorizationServers { get; init; } = [];

    public IReadOnlyList<string>? BearerMethodsSupported { get; init; }

    public IReadOnlyList<string>? ScopesSupported { get; init; }

    public IReadOnlyList<AuthorizationServerMetadata> AuthorizationServerMetadata { get; init; } = [];

    /// <summary>Each URL tried, in order, with its outcome.</summary>
    public IReadOnlyList<Check> Checks { get; init; } = [];

    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
