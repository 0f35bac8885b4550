namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// One partition of the token cache: the tokens of one client at one authority for one audience. What
/// Clear-McpTokenCache lists and removes; it never holds a token.
/// </summary>
public sealed record TokenCacheEntry
{
    public required string Key { get; init; }

    public required string Provider { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The authority, or the token endpoint of a server without discovery.</summary>
    public required string Authority { get; init; }

    public string? Audience { get; init; }

    public string Flow { get; init; } = AccessTokenResult.ClientCredentialsFlow;

    /// <summary>When the latest token of the partition expires (UTC), when known.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }
}
