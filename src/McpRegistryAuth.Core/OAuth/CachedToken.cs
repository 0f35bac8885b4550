namespace McpRegistryAuth.Core.OAuth;

/// <summary>A token from the plain token-endpoint path, as the cache file keeps it (MSAL keeps its own entries).</summary>
public sealed record CachedToken(Secret AccessToken, string TokenType, DateTimeOffset ExpiresOn, string? Scope);
