namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// The structural steps of golang-jwt v5 <c>jwt.Parse</c> (parser.go) that ToolHive relies on: three segments, a header
/// and claims that are base64url-encoded JSON, and a base64url signature.
/// A failure here is <c>ErrTokenMalformed</c>, which ToolHive treats as an opaque token and sends to introspection.
/// </summary>
internal sealed class GoJwtParse
{
    private GoJwtParse(JwtParts? parts, string? malformedReason)
    {
        Parts = parts;
        MalformedReason = malformedReason;
    }

    /// <summary>Null when the structure is malformed (steps a-d).</summary>
    public JwtParts? Parts { get; }

    /// <summary>golang-jwt's message for steps a-d (e.g. <c>token contains an invalid number of segments</c>).</summary>
    public string? MalformedReason { get; }

    /// <summary>Step f: the signature segment does not decode, which is also Malformed (checked after the alg, step e).</summary>
    public const string SignatureNotBase64 = "could not base64 decode signature";

    public static GoJwtParse Of(string token)
    {
        var first = token.IndexOf('.');
        var last = token.LastIndexOf('.');
        if (first < 0 || first == last || token.IndexOf('.', first + 1) != last)
            return new GoJwtParse(null, "token contains an invalid number of segments");

        var headerBytes = Base64UrlSegment.DecodeRawUrl(token.AsSpan(0, first));
        if (headerBytes is null) return new GoJwtParse(null, "could not base64 decode header");
        var header = JsonObjectView.TryParse(headerBytes, out _, out var headerNull, out _);
        if (header is null && !headerNull) return new GoJwtParse(null, "could not JSON decode header");

        var payloadBytes = Base64UrlSegment.DecodeRawUrl(token.AsSpan(first + 1, last - first - 1));
        if (payloadBytes is null) return new GoJwtParse(null, "could not base64 decode claim");
        var claims = JsonObjectView.TryParse(payloadBytes, out _, out var claimsNull, out _);
        if (claims is null && !claimsNull) return new GoJwtParse(null, "could not JSON decode claim");

        // Go unmarshals JSON null into a nil map without error: an empty header or claim set.
        return new GoJwtParse(
            new JwtParts
            {
                Header = header ?? JsonObjectView.Empty,
                Claims = claims ?? JsonObjectView.Empty,
                SigningInput = JwtParts.SigningInputOf(token, last),
                Signature = Base64UrlSegment.DecodeRawUrl(token.AsSpan(last + 1)),
            },
            null);
    }
}
