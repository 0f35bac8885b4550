using System.Text;
using McpRegistryAuth.Core.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// auth_server/server.py, <c>validate_self_signed_token</c>: HS256 with <c>SECRET_KEY</c>, issuer <c>mcp-auth-server</c>,
/// audience <c>mcp-registry</c>, 30 s leeway, then <c>token_use == "access"</c>. Its token_kind is judged
/// later, after FGAC (<see cref="TokenKindGate"/>).
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
}
