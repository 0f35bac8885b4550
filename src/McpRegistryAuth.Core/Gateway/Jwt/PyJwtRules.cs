using System.Globalization;
using System.Text.Json;
using McpRegistryAuth.Core.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// PyJWT 2.x <c>jwt.decode</c> as the gateway calls it: the alg allow-list, the signature (verified by
/// Microsoft.IdentityModel), then the claims in PyJWT's order: iat, nbf, exp, iss, aud. Each step is a Check;
/// evaluation stops at the first failure, as the exception does.
/// </summary>
internal sealed class PyJwtRules
{
    public required PyJwtStepNames Names { get; init; }

    public required string[] Algorithms { get; init; }

    public required SecurityKey Key { get; init; }

    /// <summary>Accepted issuers (any one; the Keycloak provider tries each in turn). Null: not verified.</summary>
    public string[]? Issuers { get; init; }

    /// <summary>Accepted audiences (any one). Null: <c>verify_aud</c> off.</summary>
    public string[]? Audiences { get; init; }

    public double LeewaySeconds { get; init; }

    /// <summary>Appends one Check per step to <paramref name="checks"/>; false at the first failure.</summary>
    public bool Evaluate(JwtParts parts, DateTimeOffset at, List<Check> checks)
    {
        var alg = parts.Header.GetString("alg");
        var algPass = alg is not null && Algorithms.Contains(alg, StringComparer.Ordinal);
        checks.Add(new Check(Names.Algorithm, algPass, alg is null ? parts.Header.Display("alg", 40) ?? "<none>" : JsonObjectView.Shorten(alg, 40), string.Join(", ", Algorithms),
            algPass ? null : "PyJWT: The specified alg value is not allowed."));
        if (!algPass) return false;

        var signature = JwsSignature.Verify(parts, Key, alg!);
        checks.Add(new Check(Names.Signature, signature.Valid, signature.Valid ? "verifies" : signature.Problem, "a valid signature",
            signature.Valid ? null : "Signature verification failed: the token was signed with another key, or it was altered."));
        if (!signature.Valid) return false;

        var now = at.ToUnixTimeMilliseconds() / 1000d;
        var claims = parts.Claims;
        var leewayText = LeewaySeconds == 0 ? "no leeway" : $"{LeewaySeconds} s leeway";

        if (claims.TryGet("iat", out var iatValue))
        {
            var iat = PyNumber(iatValue, truncate: false);
            var pass = iat is not null && iat <= now + LeewaySeconds;
            checks.Add(new Check(Names.IssuedAt, pass, TimeText(iat, now), $"iat <= now ({leewayText})",
                pass ? null : iat is null ? "Issued At claim (iat) must be an integer." : $"iat is {TimeClaim.FormatSpan(iat.Value - now)} in the future: the issuer's clock is ahead of the server's by at least that much (no leeway for IdP tokens)."));
            if (!pass) return false;
        }

        if (claims.TryGet("nbf", out var nbfValue))
        {
            var nbf = PyNumber(nbfValue, truncate: true);
            var pass = nbf is not null && nbf <= now + LeewaySeconds;
            checks.Add(new Check(Names.NotBefore, pass, TimeText(nbf, now), $"nbf <= now ({leewayText})",
                pass ? null : nbf is null ? "Not Before claim (nbf) must be an integer." : $"The token is not yet valid (nbf): valid in {TimeClaim.FormatSpan(nbf.Value - now)}; check the clocks."));
            if (!pass) return false;
        }

        if (claims.TryGet("exp", out var expValue))
        {
            var exp = PyNumber(expValue, truncate: true);
            var pass = exp is not null && exp > now - LeewaySeconds;
            checks.Add(new Check(Names.Expiry, pass, TimeText(exp, now), $"exp > now ({leewayText})",
                pass ? null : exp is null ? "Expiration Time claim (exp) must be an integer." : $"Signature has expired: {TimeClaim.FormatSpan(now - exp.Value)} ago. Get a new token."));
            if (!pass) return false;
        }

        if (Issuers is not null)
        {
            var iss = claims.TryGet("iss", out var issValue) ? issValue : (JsonElement?)null;
            var observed = iss is null ? "<missing>" : iss.Value.GetRawText();
            var pass = iss is { ValueKind: JsonValueKind.String } && Issuers.Contains(iss.Value.GetString()!, StringComparer.Ordinal);
            checks.Add(new Check(Names.Issuer, pass, observed, string.Join(" or ", Issuers.Select(i => $"\"{i}\"")),
                pass ? null : iss is null ? "Token is missing the \"iss\" claim." : IssuerHint(iss.Value, Issuers)));
            if (!pass) return false;
        }

        if (Audiences is not null)
        {
            var pass = AudienceMatches(claims, Audiences, out var observed, out var problem);
            checks.Add(new Check(Names.Audience, pass, observed, "one of " + string.Join(", ", Audiences.Select(a => $"\"{a}\"")), problem));
            if (!pass) return false;
        }

        return true;
    }

    /// <summary>PyJWT's aud rule: missing or empty is a missing claim; a string or a list of strings; any accepted audience present.</summary>
    public static bool AudienceMatches(JsonObjectView claims, string[] audiences, out string observed, out string? problem)
    {
        problem = null;
        if (!claims.TryGet("aud", out var aud) || IsFalsy(aud))
        {
            observed = "<missing>";
            problem = "Token is missing the \"aud\" claim.";
            return false;
        }

        observed = aud.GetRawText();
        string[] values;
        if (aud.ValueKind == JsonValueKind.String) values = new[] { aud.GetString()! };
        else if (aud.ValueKind == JsonValueKind.Array && aud.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            values = aud.EnumerateArray().Select(e => e.GetString()!).ToArray();
        else
        {
            problem = "Invalid claim format in token: aud must be a string or a list of strings.";
            return false;
        }

        if (audiences.Any(a => values.Contains(a, StringComparer.Ordinal))) return true;
        problem = "PyJWT: Invalid audience.";
        return false;
    }

    private static bool IsFalsy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.String => value.GetString()!.Length == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        JsonValueKind.Number => value.TryGetDouble(out var d) && d == 0,
        _ => false,
    };

    private static string IssuerHint(JsonElement iss, string[] issuers)
    {
        if (iss.ValueKind != JsonValueKind.String) return "Invalid issuer: iss is not a string.";
        var value = iss.GetString()!;
        foreach (var expected in issuers)
        {
            if (value.TrimEnd('/') == expected.TrimEnd('/'))
                return $"Invalid issuer: the token's iss and the expected issuer differ only by a trailing slash (\"{value}\" vs \"{expected}\"). The comparison is exact.";
            if (string.Equals(value, expected, StringComparison.OrdinalIgnoreCase))
                return "Invalid issuer: it differs only in letter case; the comparison is case-sensitive.";
        }

        return "Invalid issuer: the token comes from another issuer (another realm, tenant, region or host) than the provider settings name.";
    }

    /// <summary>Python <c>int(x)</c> for exp/nbf (truncating) and the raw number for iat; null where Python raises.</summary>
    private static double? PyNumber(JsonElement value, bool truncate)
    {
        double? number = value.ValueKind switch
        {
            // Python parses any JSON number; one beyond double's range is inf, which compares as such.
            JsonValueKind.Number => value.TryGetDouble(out var d) && double.IsFinite(d) ? d : value.GetRawText().TrimStart().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity,
            JsonValueKind.True => 1,
            JsonValueKind.False => 0,
            JsonValueKind.String when long.TryParse(value.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => truncate ? l : null,
            _ => null,
        };
        return number is null ? null : truncate ? Math.Truncate(number.Value) : number;
    }

    private static string TimeText(double? seconds, double now)
    {
        if (seconds is null) return "<not a number>";
        if (Math.Abs(seconds.Value) > 253402300799d) return seconds.Value.ToString(CultureInfo.InvariantCulture);
        var utc = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds.Value * 1000));
        var delta = seconds.Value - now;
        return $"{utc:yyyy-MM-dd HH:mm:ss}Z ({(delta >= 0 ? "in " + TimeClaim.FormatSpan(delta) : TimeClaim.FormatSpan(-delta) + " ago")})";
    }
}
