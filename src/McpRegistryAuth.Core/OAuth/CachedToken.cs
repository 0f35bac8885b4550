namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// A token from the plain token-endpoint path or a user's sign-in, as the cache file keeps it (MSAL keeps its
/// own entries); a user's token carries the refresh token that renews it without another sign-in.
/// </summary>
public sealed record CachedToken(Secret AccessToken, string TokenType, DateTimeOffset ExpiresOn, string? Scope, Secret? RefreshToken = null);
