namespace McpRegistryAuth.Core.Http;

/// <summary>What one authorization server publishes (RFC 8414 / OIDC Discovery), as fetched.</summary>
public sealed record AuthorizationServerMetadata
{
    /// <summary>The issuer as listed in <c>authorization_servers</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The URL that answered, or null when none did.</summary>
    public string? MetadataUrl { get; init; }

    public IReadOnlyList<string> TriedUrls { get; init; } = [];

    /// <summary>The document's <c>issuer</c> member.</summary>
    public string? ReportedIssuer { get; init; }

    public string? AuthorizationEndpoint { get; init; }

    public string? TokenEndpoint { get; init; }

    public string? JwksUri { get; init; }

    public IReadOnlyList<string>? CodeChallengeMethodsSupported { get; init; }

    public IReadOnlyList<string>? GrantTypesSupported { get; init; }

    public bool Reachable => MetadataUrl is not null;

    public bool SupportsPkceS256 => CodeChallengeMethodsSupported?.Contains("S256", StringComparer.Ordinal) == true;
}
