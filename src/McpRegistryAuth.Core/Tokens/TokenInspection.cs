namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// What a token says about itself, decoded without verification: its shape by each server's parser,
/// header and claims as objects, and its time claims in UTC relative to the evaluation instant.
/// Never holds the token text: only its fingerprint.
/// </summary>
public sealed record TokenInspection
{
    public required string Fingerprint { get; init; }

    public required int Length { get; init; }

    /// <summary>Dot-separated segment count.</summary>
    public required int SegmentCount { get; init; }

    /// <summary>The shape by golang-jwt (ToolHive): a malformed JWT counts as opaque.</summary>
    public required TokenKind Kind { get; init; }

    /// <summary>golang-jwt's malformed-token reason when <see cref="Kind"/> is Opaque.</summary>
    public string? OpaqueReason { get; init; }

    /// <summary>PyJWT's decode error (the gateway's parser), null when PyJWT would decode the token.</summary>
    public string? GatewayDecodeError { get; init; }

    public required DateTimeOffset EvaluatedAt { get; init; }

    public IReadOnlyDictionary<string, object?> Header { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?> Claims { get; init; } = new Dictionary<string, object?>();

    public string? Algorithm { get; init; }

    /// <summary>The <c>kid</c> header as text; <see cref="KeyIdKind"/> says whether it was a JSON string.</summary>
    public string? KeyId { get; init; }

    public string? KeyIdKind { get; init; }

    public string? Type { get; init; }

    public string? Issuer { get; init; }

    public IReadOnlyList<string> Audiences { get; init; } = Array.Empty<string>();

    public string? Subject { get; init; }

    /// <summary>The client the token was issued to: <c>azp</c>, <c>client_id</c>, <c>cid</c> or <c>appid</c>.</summary>
    public string? ClientId { get; init; }

    public string? TokenUse { get; init; }

    /// <summary>Scopes from <c>scope</c> (space-separated) or <c>scp</c> (string or array).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = Array.Empty<string>();

    /// <summary>Groups from <c>groups</c>, <c>cognito:groups</c> or <c>roles</c>.</summary>
    public IReadOnlyList<string> Groups { get; init; } = Array.Empty<string>();

    public TimeClaim? ExpiresAt { get; init; }

    public TimeClaim? NotBefore { get; init; }

    public TimeClaim? IssuedAt { get; init; }

    /// <summary>True when the token carries ID-token markers (<c>nonce</c>, <c>at_hash</c>, <c>c_hash</c>, or <c>token_use: id</c>).</summary>
    public bool LooksLikeIdToken { get; init; }

    /// <summary>Observations worth a person's attention (Graph audience, legacy service-account token, …).</summary>
    public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
}
