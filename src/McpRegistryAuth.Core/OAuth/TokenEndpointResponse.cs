namespace McpRegistryAuth.Core.OAuth;

/// <summary>A successful token response (RFC 6749 5.1).</summary>
public sealed record TokenEndpointResponse(Secret AccessToken, string TokenType, TimeSpan? ExpiresIn, string? Scope);
