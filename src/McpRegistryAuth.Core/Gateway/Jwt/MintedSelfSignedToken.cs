namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>A self-signed test token: the token (a <see cref="Secret"/>), how it was signed and when it expires.</summary>
/// <param name="Token">The compact JWT.</param>
/// <param name="Algorithm">ES256 or HS256.</param>
/// <param name="KeyId">The kid header of an ES256 token; null for HS256.</param>
/// <param name="ExpiresAt">The exp claim.</param>
public sealed record MintedSelfSignedToken(Secret Token, string Algorithm, string? KeyId, DateTimeOffset ExpiresAt);
