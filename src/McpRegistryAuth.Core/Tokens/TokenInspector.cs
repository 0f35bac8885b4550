using System.Text.Json;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>Decodes a token without verifying it, by both servers' parsers.</summary>
public static class TokenInspector
{
    /// <summary>Microsoft Graph's application id: a token for Graph cannot be validated by anyone else.</summary>
    public const string GraphAudience = "00000003-0000-0000-c000-000000000000";

    /// <summary>
    /// What a token says of its issuer, audiences and scopes, as <see cref="Inspect"/> reads them, without
    /// the rest of the inspection (a token object is described on every call, cache hits included).
    /// </summary>
    internal static (string? Issuer, IReadOnlyList<string> Audiences, IReadOnlyList<string> Scopes) ReadClaims(Secret token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var text = token.Reveal();
        if (string.IsNullOrWhiteSpace(text)) return (null, [], []);
        // Inspect's order: golang-jwt's parse first, PyJWT's only when that fails.
        var claims = (GoJwtParse.Of(text).Parts ?? PyJwtParse.Of(text).Parts)?.Claims;
        return claims is null ? (null, [], []) : (claims.GetString("iss"), ClaimReader.Audiences(claims), ClaimReader.Scopes(claims));
    }

    public static TokenInspection Inspect(Secret token, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(token);
        var text = token.Reveal();
        var segments = text.Length == 0 ? 0 : text.Count(c => c == '.') + 1;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new TokenInspection { Fingerprint = token.Fingerprint, Length = text.Length, SegmentCount = segments, Kind = TokenKind.Empty, EvaluatedAt = at, GatewayDecodeError = "Not enough segments" };
        }

        var go = GoJwtParse.Of(text);
        var py = PyJwtParse.Of(text);
        var parts = go.Parts ?? py.Parts;
        var kind = go.Parts is null ? TokenKind.Opaque : TokenKind.Jwt;
        var opaqueReason = go.MalformedReason;
        if (go.Parts is not null && go.Parts.Signature is null)
        {
            // golang-jwt checks the alg (unverifiable) before decoding the signature (malformed).
            opaqueReason = GoJwtParse.SignatureNotBase64;
            kind = TokenKind.Opaque;
        }

        if (parts is null)
        {
            return new TokenInspection
            {
                Fingerprint = token.Fingerprint, Length = text.Length, SegmentCount = segments, Kind = kind,
                OpaqueReason = opaqueReason, GatewayDecodeError = py.Error, EvaluatedAt = at,
            };
        }

        var claims = parts.Claims;
        var header = parts.Header;
        var notes = new List<string>();
        var audiences = ClaimReader.Audiences(claims);
        if (audiences.Contains(GraphAudience))
            notes.Add("aud is Microsoft Graph: a Graph token cannot be validated by a registry; request a token for the registry's own API.");
        if (claims.GetString("iss") == "kubernetes/serviceaccount")
            notes.Add("A legacy secret-based Kubernetes service-account token: it has no exp and its issuer is not a URL; use a projected token.");
        var looksLikeId = claims.Contains("nonce") || claims.Contains("at_hash") || claims.Contains("c_hash") || claims.GetString("token_use") == "id";
        if (looksLikeId) notes.Add("This looks like an ID token (nonce/at_hash/c_hash or token_use=id): send the access token instead.");

        return new TokenInspection
        {
            Fingerprint = token.Fingerprint,
            Length = text.Length,
            SegmentCount = segments,
            Kind = kind,
            OpaqueReason = opaqueReason,
            GatewayDecodeError = py.Error,
            EvaluatedAt = at,
            Header = header.ToDictionary(),
            Claims = claims.ToDictionary(),
            Algorithm = header.GetString("alg"),
            KeyId = header.TryGet("kid", out var kid) ? (kid.ValueKind == JsonValueKind.String ? kid.GetString() : kid.GetRawText()) : null,
            KeyIdKind = header.KindOf("kid"),
            Type = header.GetString("typ"),
            Issuer = claims.GetString("iss"),
            Audiences = audiences,
            Subject = claims.GetString("sub"),
            ClientId = claims.GetString("azp") ?? claims.GetString("client_id") ?? claims.GetString("cid") ?? claims.GetString("appid"),
            TokenUse = claims.GetString("token_use"),
            Scopes = ClaimReader.Scopes(claims),
            Groups = ClaimReader.Strings(claims, "groups") is { Count: > 0 } g ? g
                : ClaimReader.Strings(claims, "cognito:groups") is { Count: > 0 } cg ? cg
                : ClaimReader.Strings(claims, "roles"),
            ExpiresAt = TimeClaim.From(claims, "exp", at),
            NotBefore = TimeClaim.From(claims, "nbf", at),
            IssuedAt = TimeClaim.From(claims, "iat", at),
            LooksLikeIdToken = looksLikeId,
            Notes = notes,
        };
    }
}
