namespace McpRegistryAuth.Core.OAuth;

/// <summary>A successful token response to a user grant (RFC 6749 5.1), with the refresh and ID tokens when the IdP gave them.</summary>
public sealed record UserTokenResponse(Secret AccessToken, string TokenType, TimeSpan? ExpiresIn, string? Scope, Secret? RefreshToken, Secret? IdToken);
