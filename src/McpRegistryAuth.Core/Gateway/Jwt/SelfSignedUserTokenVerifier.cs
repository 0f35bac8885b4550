using System.Text.Json;
using McpRegistryAuth.Core.Python;
using McpRegistryAuth.Core.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Release 1.32's shared verifier for self-signed tokens (auth_server/self_signed_token.py,
/// <c>verify_self_signed_user_token</c>), in its order: size, header, issuer, the REJECT_HS256_TOKENS gate, the key
/// chosen by <c>kid</c> (none: HS256 with SECRET_KEY; any, even "": ES256 with that key id's public key), PyJWT's
/// decode with JWT_AUDIENCE and 30 s leeway, then <c>token_use</c>. Each failure carries the verifier's message.
/// </summary>
internal static class SelfSignedUserTokenVerifier
{
    /// <summary>JWT_ISSUER as the auth server reads it (default mcp-auth-server; an empty value stays empty).</summary>
    public static string IssuerOf(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("JWT_ISSUER", out var issuer) ? issuer : GatewayJwtTexts.SelfSignedIssuer;

    /// <summary>JWT_AUDIENCE as the auth server reads it (default mcp-registry).</summary>
    public static string AudienceOf(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("JWT_AUDIENCE", out var audience) ? audience : GatewayJwtTexts.SelfSignedAudience;

    /// <summary>True when the unverified claims name the auth server (JWT_ISSUER) as issuer, which routes the token here.</summary>
    public static bool Applies(JwtParts? parts, IReadOnlyDictionary<string, string> environment) =>
        parts?.Claims.GetString("iss") is { } iss && iss == IssuerOf(environment);

    public static SelfSignedOutcome Verify(Secret token, JwtParts parts, SelfSignedVerification settings, IReadOnlyDictionary<string, string> environment, DateTimeOffset at, List<Check> checks, List<Finding> findings)
    {
        var length = PythonText.Length(token.Reveal());
        var sizeOk = length <= SelfSignedVerifierTexts.MaxTokenCharacters;
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedSize, sizeOk, $"{length} characters", $"at most {SelfSignedVerifierTexts.MaxTokenCharacters} characters",
            sizeOk ? null : "The verifier refuses tokens over 8192 characters before parsing them: mint one with fewer groups or scopes."));
        if (!sizeOk) return Fail(SelfSignedVerifierTexts.TooLarge, checks);

        // get_unverified_header accepts a missing kid but raises for one that is not a string (null included).
        var kidPresent = parts.Header.TryGet("kid", out var kidValue);
        var headerOk = !kidPresent || kidValue.ValueKind == JsonValueKind.String;
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedHeader, headerOk, kidPresent ? "kid " + parts.Header.Display("kid", 80) : "no kid", "no kid, or a string kid",
            headerOk ? null : "The kid header must be a string: re-issue the token from the gateway."));
        if (!headerOk) return Fail(SelfSignedVerifierTexts.KidNotString, checks);

        var issuer = IssuerOf(environment);
        var iss = parts.Claims.GetString("iss") ?? "";
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedIssuerFirst, iss == issuer, iss, $"'{issuer}' (JWT_ISSUER), unverified"));
        if (iss != issuer) return Fail(SelfSignedVerifierTexts.IssuerMismatch(issuer), checks);

        var kid = kidPresent ? kidValue.GetString() : null;
        if (kid is null)
        {
            var gate = environment.TryGetValue("REJECT_HS256_TOKENS", out var g) ? g : "false";
            var rejected = PythonText.Lower(gate) == "true";
            checks.Add(new Check(GatewayJwtCheckNames.SelfSignedLegacyGate, !rejected, $"no kid (HS256); REJECT_HS256_TOKENS='{gate}'", "REJECT_HS256_TOKENS not 'true' (any case) for a token without kid",
                rejected ? "HS256 tokens are refused before their signature or expiry is looked at: mint an ES256 token (one with a kid) from this gateway." : null));
            if (rejected) return Fail(SelfSignedVerifierTexts.Hs256Rejected, checks);
        }

        var key = kid is null ? SecretKey(environment, checks, findings, out var stop) : PublicKey(kid, settings.InternalKeys, environment, checks, out stop);
        if (key is null) return stop!;

        var rules = new PyJwtRules
        {
            Names = GatewayJwtCheckNames.SelfSignedSteps,
            Algorithms = [kid is null ? "HS256" : "ES256"],
            Key = key,
            Issuers = [issuer],
            Audiences = [AudienceOf(environment)],
            LeewaySeconds = GatewayJwtTexts.SelfSignedLeewaySeconds,
        };
        if (!rules.Evaluate(parts, at, checks)) return Fail(DecodeMessage(checks[^1], parts.Claims), checks);

        var use = parts.Claims.TryGet("token_use", out var useValue) ? PythonJsonValue.Str(useValue) : "None";
        var useOk = parts.Claims.GetString("token_use") == "access";
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedTokenUse, useOk, parts.Claims.Display("token_use") ?? "<missing>", "\"access\"",
            useOk ? null : "Self-signed tokens must have token_use \"access\"."));
        if (!useOk) return Fail(SelfSignedVerifierTexts.InvalidTokenUse(use), checks);

        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedVerifier, true, $"verified ({(kid is null ? "HS256" : "ES256, kid " + JsonObjectView.Shorten(kid, 60))})", "a verified self-signed token"));
        return new SelfSignedOutcome(parts.Claims, null, false);
    }

    private static SecurityKey? SecretKey(IReadOnlyDictionary<string, string> environment, List<Check> checks, List<Finding> findings, out SelfSignedOutcome? stop)
    {
        stop = null;
        var key = SelfSignedTokenRule.KeyFrom(environment, findings, out var notGiven);
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedKey, key is not null, key is not null ? "HS256 with SECRET_KEY" : notGiven ? "not evaluated: SECRET_KEY not given" : "SECRET_KEY too short",
            "HS256 with the auth server's SECRET_KEY (no kid)",
            notGiven ? "The token has no kid, so it is an HS256 token: give the auth server's SECRET_KEY (-EnvFile/-Environment) to check its signature." : null));
        if (key is null) stop = new SelfSignedOutcome(null, null, true, ServerDoesNotStart: !notGiven);
        return key;
    }

    private static SecurityKey? PublicKey(string kid, KeySet? keys, IReadOnlyDictionary<string, string> environment, List<Check> checks, out SelfSignedOutcome? stop)
    {
        stop = null;
        if (keys is null)
        {
            var configured = environment.ContainsKey("INTERNAL_SIGNING_KEY_PATH") || (environment.TryGetValue("INTERNAL_SIGNING_KEY_GENERATE", out var generate) && PythonText.Lower(generate) == "true");
            if (configured || environment.Count == 0)
            {
                checks.Add(new Check(GatewayJwtCheckNames.SelfSignedKey, false, $"not evaluated: kid {JsonObjectView.Shorten(kid, 60)}, no public keys given", "the ES256 public key of this kid",
                    "The token has a kid, so it is an ES256 token: give the auth server's key (-SigningKeyPath, the INTERNAL_SIGNING_KEY_PATH file) or its key set (-InternalJwks, /.well-known/internal-jwks.json on the auth server)."));
                stop = new SelfSignedOutcome(null, null, true);
                return null;
            }

            // Settings were given and name no key: the server verifies ES256 only when a key is mounted at the default path.
            checks.Add(new Check(GatewayJwtCheckNames.SelfSignedKey, false, "no INTERNAL_SIGNING_KEY_PATH, INTERNAL_SIGNING_KEY_GENERATE not true", "an ES256 key for tokens with a kid",
                $"The token has a kid (ES256) but the settings name no signing key: set INTERNAL_SIGNING_KEY_PATH on the auth server (it also reads {InternalSigningKey.DefaultPath} when that file exists), or mint an HS256 token."));
            stop = Fail(SelfSignedVerifierTexts.AsymmetricNotConfigured, checks) with { Provisional = true };
            return null;
        }

        var key = keys.FindByKeyId(kid);
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedKey, key is not null, "kid " + JsonObjectView.Shorten(kid, 60), "one of " + (keys.KeyIds.Count == 0 ? "<no keys>" : string.Join(", ", keys.KeyIds)),
            key is null ? "No key with this kid: the token was signed by another gateway's key, or by a key rotated out more than the retention window ago (INTERNAL_SIGNING_KEY_RETENTION_SECONDS, counted from when the old key was loaded)." : null));
        if (key is null) stop = Fail(SelfSignedVerifierTexts.UnknownKeyId, checks);
        return key;
    }

    /// <summary>The verifier's message for the failed PyJWT step: expiry is its own message, the rest PyJWT's wrapped.</summary>
    private static string DecodeMessage(Check failed, JsonObjectView claims)
    {
        var names = GatewayJwtCheckNames.SelfSignedSteps;
        string Number(string claim, string label) => $"{label} claim ({claim}) must be an integer.";
        var pyJwt = failed.Name switch
        {
            var n when n == names.Algorithm => "The specified alg value is not allowed",
            var n when n == names.Signature => "Signature verification failed",
            var n when n == names.IssuedAt => failed.Observed == "<not a number>" ? Number("iat", "Issued At") : "The token is not yet valid (iat)",
            var n when n == names.NotBefore => failed.Observed == "<not a number>" ? Number("nbf", "Not Before") : "The token is not yet valid (nbf)",
            var n when n == names.Expiry => failed.Observed == "<not a number>" ? Number("exp", "Expiration Time") : null,
            var n when n == names.Issuer => "Invalid issuer",
            _ => !claims.Contains("aud") || failed.Observed == "<missing>" ? "Token is missing the \"aud\" claim"
                : failed.Hint?.StartsWith("Invalid claim format", StringComparison.Ordinal) == true ? "Invalid claim format in token" : "Audience doesn't match",
        };
        return pyJwt is null ? SelfSignedVerifierTexts.Expired : SelfSignedVerifierTexts.InvalidPrefix + pyJwt;
    }

    private static SelfSignedOutcome Fail(string message, List<Check> checks)
    {
        checks.Add(new Check(GatewayJwtCheckNames.SelfSignedVerifier, false, message, "a verified self-signed token",
            "/validate logs this message and answers 401 \"Token validation failed\"."));
        return new SelfSignedOutcome(null, message, false);
    }
}
