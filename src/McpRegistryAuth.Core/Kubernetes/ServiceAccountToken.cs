using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Core.Kubernetes;

/// <summary>A service-account token as read from its file, with what it says of itself and the checks made on it.</summary>
public sealed record ServiceAccountToken
{
    public required Secret Token { get; init; }

    public required string Path { get; init; }

    public string? Issuer { get; init; }

    public IReadOnlyList<string> Audiences { get; init; } = [];

    public string? Subject { get; init; }

    /// <summary>From sub; null when sub is not system:serviceaccount:&lt;ns&gt;:&lt;name&gt;.</summary>
    public string? Namespace { get; init; }

    public string? ServiceAccount { get; init; }

    /// <summary>UTC; null for a token without exp (a legacy secret-based token).</summary>
    public DateTimeOffset? ExpiresOn { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>When the file was read.</summary>
    public required DateTimeOffset ReadAt { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = [];

    /// <summary>As a token result: the service account (namespace:name) as the client, exp as the expiry (never, without exp).</summary>
    public AccessTokenResult ToResult() => new()
    {
        Token = Token, ExpiresOn = ExpiresOn ?? DateTimeOffset.MaxValue, Issuer = Issuer, Audience = Audiences,
        ClientId = Namespace is null ? Subject ?? "" : $"{Namespace}:{ServiceAccount}",
        Provider = OAuthProvider.Oidc, ProviderName = "Kubernetes", Flow = "ServiceAccountToken",
    };
}
