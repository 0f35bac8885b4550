namespace McpRegistryAuth.Core.OAuth;

/// <summary>An access token and what is known about it; <see cref="Token"/> shows only its fingerprint.</summary>
public sealed record AccessTokenResult
{
    public const string ClientCredentialsFlow = "ClientCredentials";

    /// <summary>The Flow of a user's token renewed with its refresh token, without a sign-in.</summary>
    public const string RefreshTokenFlow = "RefreshToken";

    public required Secret Token { get; init; }

    public string TokenType { get; init; } = "Bearer";

    /// <summary>UTC.</summary>
    public required DateTimeOffset ExpiresOn { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The token's iss claim, else the authority asked.</summary>
    public string? Issuer { get; init; }

    /// <summary>The token's aud claim(s), else the audience asked.</summary>
    public IReadOnlyList<string> Audience { get; init; } = [];

    public required string ClientId { get; init; }

    public required OAuthProvider Provider { get; init; }

    /// <summary>Shown instead of <see cref="Provider"/> for a token no OAuth provider issued here (Gateway, Kubernetes, keycloak_m2m).</summary>
    public string? ProviderName { get; init; }

    public string Flow { get; init; } = ClientCredentialsFlow;

    /// <summary>True when no request reached the IdP.</summary>
    public bool FromCache { get; init; }

    public string Fingerprint => Token.Fingerprint;
}
