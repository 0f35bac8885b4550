using McpRegistryAuth.Core.Http;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>A client-credentials token request: where to ask, who asks, for what, and how the cache is used.</summary>
public sealed record ClientCredentialsRequest
{
    /// <summary>The issuer URL, discovery taken from it (and for Cognito the user-pool domain); null with <see cref="TokenEndpoint"/>.</summary>
    public Uri? Authority { get; init; }

    /// <summary>The token endpoint of a server without discovery.</summary>
    public Uri? TokenEndpoint { get; init; }

    public required OAuthProvider Provider { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The client secret, for client_secret_basic and client_secret_post.</summary>
    public Secret? ClientSecret { get; init; }

    /// <summary>The signing key, for private_key_jwt.</summary>
    public ClientSigningKey? SigningKey { get; init; }

    public ClientAuthentication Authentication { get; init; } = ClientAuthentication.ClientSecretBasic;

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The resource (RFC 8707) or audience the token is for.</summary>
    public string? Audience { get; init; }

    public TrustRoots Trust { get; init; } = TrustRoots.System;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Ask the IdP even when the cache holds a token.</summary>
    public bool ForceRefresh { get; init; }

    /// <summary>A cached token closer than this to its expiry is renewed (MSAL itself renews within 5 minutes).</summary>
    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The cache file; null uses no cache at all.</summary>
    public string? CachePath { get; init; }
}
