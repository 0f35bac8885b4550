namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// PyJWT's <c>_load</c> and payload decoding, which the gateway uses for both its unverified peek at
/// <c>iss</c> and its real validation. Messages are PyJWT's DecodeError texts.
/// </summary>
internal sealed class PyJwtParse
{
    private PyJwtParse(JwtParts? parts, string? error)
    {
        Parts = parts;
        Error = error;
    }

    public JwtParts? Parts { get; }

    public string? Error { get; }

    public static PyJwtParse Of(string token)
    {
        // rsplit(".", 1) then split(".", 1): a fourth segment ends up inside the payload segment.
        var last = token.LastIndexOf('.');
        if (last < 0) return Fail("Not enough segments");
        var first = token.IndexOf('.');
        if (first == last) return Fail("Not enough segments");

        var headerBytes = Base64UrlSegment.DecodePythonLenient(token.AsSpan(0, first));
        if (headerBytes is null) return Fail("Invalid header padding");
        var header = JsonObjectView.TryParse(headerBytes, out var headerIsObject, out _, out var headerError);
        if (header is null) return Fail(headerError is null && !headerIsObject ? "Invalid header string: must be a json object" : "Invalid header string");

        var payloadBytes = Base64UrlSegment.DecodePythonLenient(token.AsSpan(first + 1, last - first - 1));
        if (payloadBytes is null) return Fail("Invalid payload padding");
        var signature = Base64UrlSegment.DecodePythonLenient(token.AsSpan(last + 1));
        if (signature is null) return Fail("Invalid crypto padding");

        var claims = JsonObjectView.TryParse(payloadBytes, out var claimsIsObject, out _, out var claimsError);
        if (claims is null) return Fail(claimsError is null && !claimsIsObject ? "Invalid payload string: must be a json object" : "Invalid payload string");

        return new PyJwtParse(new JwtParts { Header = header, Claims = claims, SigningInput = JwtParts.SigningInputOf(token, last), Signature = signature }, null);
    }

    private static PyJwtParse Fail(string error) => new(null, error);
}
