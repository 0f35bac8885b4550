using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// How the JWT stage verifies self-signed tokens: the release's rule (1.30: HS256 with SECRET_KEY only;
/// 1.32: <see cref="SelfSignedUserTokenVerifier"/>) and, for ES256 tokens, the auth server's public keys by kid.
/// </summary>
/// <param name="Release">The gateway release whose verifier runs.</param>
/// <param name="InternalKeys">The public keys from -SigningKeyPath or -InternalJwks; null when neither was given.</param>
public sealed record SelfSignedVerification(GatewayRelease Release = GatewayRelease.Latest, KeySet? InternalKeys = null);
