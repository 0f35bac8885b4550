using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// auth_server/server.py, <c>validate_self_signed_token</c>: HS256 with <c>SECRET_KEY</c>, issuer <c>mcp-auth-server</c>,
/// audience <c>mcp-registry</c>, 30 s leeway, then <c>token_use == "access"</c>.
/// </summary>
internal static class SelfSignedTokenRule
{
    /// <summary>True when the unverified claims name the auth server as issuer, which routes the token here.</summary>
    public static bool Applies(JwtParts? parts) => parts?.Claims.GetString("iss") == GatewayJwtTexts.SelfSignedIssuer;

    /// <summary>
    /// The key the server validates with: SECRET_KEY stripped. Null when it was not given (the verdict cannot be
    /// evaluated) or when it is too short (the auth server refuses to start; a finding says so).
    /// </summary>
    public static SecurityKey? KeyFrom(IReadOnlyDictionary<string, string> environment, List<Finding> findings, out bool notGiven)
    {
        var secret = environment.TryGetValue("SECRET_KEY", out var s) ? s.Trim() : "";
        notGiven = secret.Length == 0;
        if (secret.Length >= 32) return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        if (notGiven) return null;
        findings.Add(new Finding
        {
            Severity = FindingSeverity.Error,
            Code = TokenFindingCodes.SecretKeyTooShort,
            Path = "SECRET_KEY",
            Message = $"SECRET_KEY is too short ({secret.Length} characters); the auth server requires at least 32 and does not start.",
            Fix = "Set SECRET_KEY to a random value of at least 32 characters and restart the auth server (tokens it minted with the old key stop validating).",
        });
        return null;
    }

    public static bool Evaluate(JwtParts parts, SecurityKey key, DateTimeOffset at, List<Check> checks)
    {
        var rules = new PyJwtRules
        {
            Names = GatewayJwtCheckNames.SelfSignedSteps,
            Algorithms = new[] { "HS256" },
            Key = key,
            Issuers = new[] { GatewayJwtTexts.SelfSignedIssuer },
            Audiences = new[] { GatewayJwtTexts.SelfSignedAudience },
            LeewaySeconds = GatewayJwtTexts.SelfSignedLeewaySeconds,
        };
        if (!rules.Evaluate(parts, at, checks)) return false;
        var use = parts.Claims.GetString("token_use");
        var pass = use == "access";
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedTokenUse, pass, parts.Claims.Display("token_use") ?? "<missing>", "\"access\"",
            pass ? null : "Self-signed tokens must have token_use \"access\"."));
        return pass;
    }

    /// <summary>The token_kind gate (auth_server/server.py:3739-3857). Returns the 403 detail, or null when the kind lets the request on.</summary>
    public static string? TokenKindRefusal(JsonObjectView claims, List<Check> checks, out bool resourceBound)
    {
        resourceBound = false;
        if (!claims.TryGet("token_kind", out var kind))
        {
            checks.Add(new Check(GatewayJwtCheckNames.TokenKind, false, "<missing>", "\"user\" or \"resource\"", "Tokens minted before token_kind existed are refused: mint a new one."));
            return GatewayJwtTexts.MissingTokenKind;
        }

        var value = kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
        if (value == "user")
        {
            checks.Add(new Check(GatewayJwtCheckNames.TokenKind, true, "\"user\"", "\"user\" or \"resource\""));
            return null;
        }

        if (value == "resource")
        {
            resourceBound = true;
            checks.Add(new Check(GatewayJwtCheckNames.TokenKind, true, "\"resource\"", "\"user\" or \"resource\""));
            return null;
        }

        checks.Add(new Check(GatewayJwtCheckNames.TokenKind, false, JsonObjectView.Shorten(kind.GetRawText(), 100), "\"user\" or \"resource\""));
        return GatewayJwtTexts.UnknownTokenKind;
    }
}
