using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>The token a gateway tool would send, where it was found, and every source tried on the way, in order.</summary>
public sealed record GatewayTokenLocation
{
    public required Secret Token { get; init; }

    public required GatewayTool Tool { get; init; }

    /// <summary>The variable's name or the file's full path.</summary>
    public required string Source { get; init; }

    /// <summary>The file's expires_at; null for a variable or a file without one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public string? Provider { get; init; }

    public required IReadOnlyList<Check> Checks { get; init; }

    /// <summary>
    /// As a token result: expiry from the file's expires_at, else the token's exp, else never; scopes, issuer
    /// and audience as the token says (decoded, not verified).
    /// </summary>
    public AccessTokenResult ToResult(DateTimeOffset now)
    {
        var inspection = TokenInspector.Inspect(Token, now);
        return new AccessTokenResult
        {
            Token = Token, ExpiresOn = ExpiresAt ?? inspection.ExpiresAt?.Utc ?? DateTimeOffset.MaxValue,
            Scopes = inspection.Scopes, Issuer = inspection.Issuer, Audience = inspection.Audiences,
            ClientId = inspection.ClientId ?? "", Provider = OAuthProvider.Oidc, ProviderName = Provider ?? "Gateway", Flow = Tool.ToString(),
        };
    }
}
