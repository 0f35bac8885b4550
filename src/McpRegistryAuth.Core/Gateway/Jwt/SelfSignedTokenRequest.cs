namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// What a self-signed test token should say, as auth_server/server.py's <c>generate_user_token</c> fills it in:
/// the user, their groups and scopes, the lifetime, and the key: ES256 with the INTERNAL_SIGNING_KEY_PATH file
/// (1.32, kid = its thumbprint) or HS256 with SECRET_KEY (1.30 and older; no kid).
/// </summary>
public sealed record SelfSignedTokenRequest
{
    /// <summary>ES256 or HS256 (any case).</summary>
    public string Algorithm { get; init; } = "ES256";

    /// <summary>ES256: the PEM file with the auth server's P-256 private key.</summary>
    public string? SigningKeyPath { get; init; }

    /// <summary>HS256: the auth server's SECRET_KEY (stripped, at least 32 characters).</summary>
    public Secret? SecretKey { get; init; }

    /// <summary>The user: <c>sub</c> and <c>preferred_username</c>.</summary>
    public required string Subject { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The scopes, written space-joined into <c>scope</c> (the effective scopes /validate uses for self-signed tokens).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>exp - iat; the server allows 1 hour to MCP_TOKEN_MAX_TTL_HOURS (default 24, at most 168).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>JWT_ISSUER (default mcp-auth-server).</summary>
    public string Issuer { get; init; } = GatewayJwtTexts.SelfSignedIssuer;

    /// <summary>JWT_AUDIENCE (default mcp-registry).</summary>
    public string Audience { get; init; } = GatewayJwtTexts.SelfSignedAudience;

    /// <summary>When the token is issued (iat).</summary>
    public DateTimeOffset IssuedAt { get; init; } = DateTimeOffset.UtcNow;
}
