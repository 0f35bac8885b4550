namespace McpRegistryAuth.Core.Gateway.TokenMint;

/// <summary>A request to the registry's <c>POST /api/tokens/generate</c>, made with the caller's current token.</summary>
public sealed record GatewayTokenMintRequest
{
    /// <summary>The registry's base URL (https://gateway.example.com).</summary>
    public required string Gateway { get; init; }

    public required Secret CallerToken { get; init; }

    /// <summary>Empty: every scope the caller has (the registry's default).</summary>
    public IReadOnlyList<string> RequestedScopes { get; init; } = [];

    /// <summary>Null: the registry's MCP_TOKEN_DEFAULT_TTL_HOURS (8 by default).</summary>
    public int? ExpiresInHours { get; init; }

    /// <summary>"type/id" for a resource-bound token (token_kind resource), e.g. "server/currenttime"; null for a user token.</summary>
    public string? Resource { get; init; }

    public string? Description { get; init; }

    public bool AllowUnencryptedAuthentication { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The token cache to keep the refresh token in; null keeps nothing.</summary>
    public string? CachePath { get; init; }
}
