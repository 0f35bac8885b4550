using System.Globalization;
using System.Text.Json;

using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// toolhive <c>TokenValidator.ValidateToken</c> (token.go) for one provider, in the server's order:
/// discovery, golang-jwt parse (a malformed token is opaque and goes to introspection), the alg, keyfunc (JWKS,
/// alg family, kid, key lookup), signature, the library's exp/nbf checks (no leeway), then iss, aud, exp.
/// The outcome's Error is the text the server logs at DEBUG.
/// </summary>
public sealed class ToolHiveTokenValidator
{
    /// <summary>httprc's bounds for the JWKS refresh interval.</summary>
    public static readonly TimeSpan MinRefresh = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxRefresh = TimeSpan.FromDays(30);

    private static readonly HashSet<string> RegisteredAlgorithms = new(StringComparer.Ordinal)
    {
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA", "none",
    };

    private static readonly HashSet<string> AcceptedAlgorithms = new(StringComparer.Ordinal) { "RS256", "RS384", "RS512", "ES256", "ES384", "ES512" };

    private static readonly string[] KeptIntrospectionFields = { "exp", "sub", "aud", "scope", "iss" };

    private readonly IKeySetSource keySets;
    private readonly IDiscoverySource discovery;
    private readonly HttpClient? introspectionClient;
    private readonly ToolHiveFetchPolicy? fetchPolicy;

    /// <param name="keySets">Where JWKS come from (HTTP with the provider's client, or offline).</param>
    /// <param name="discovery">Where discovery documents come from.</param>
    /// <param name="introspectionClient">The client RFC 7662 introspection is sent with; null: not called.</param>
    /// <param name="fetchPolicy">The fetch-time URL rules (HTTPS, private addresses) to apply before each fetch; null: not applied.</param>
    public ToolHiveTokenValidator(IKeySetSource keySets, IDiscoverySource discovery, HttpClient? introspectionClient, ToolHiveFetchPolicy? fetchPolicy = null)
    {
        this.keySets = keySets;
        this.discovery = discovery;
        this.introspectionClient = introspectionClient;
        this.fetchPolicy = fetchPolicy;
    }

    public async Task<ToolHiveProviderOutcome> ValidateAsync(ToolHiveTokenProvider provider, Secret token, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var run = new Run(provider);

        // 1. Discovery, unless jwksUrl is set.
        var jwksUrl = provider.JwksUrl;
        var introspectionUrl = provider.IntrospectionUrl;
        if (string.IsNullOrEmpty(jwksUrl))
        {
            const string discoveryFailed = "OIDC discovery failed: failed to discover OIDC configuration: ";
            if (fetchPolicy is not null && ToolHiveFetchGate.Precheck(provider.IssuerUrl, fetchPolicy, run.Checks) is { } precheck)
                return run.Fail(discoveryFailed + precheck);
            var discoveryUrl = DiscoveryDocument.ToolHiveUrlFor(provider.IssuerUrl);
            if (!Uri.TryCreate(discoveryUrl, UriKind.Absolute, out var discoveryUri))
                return run.Fail("OIDC discovery failed: failed to discover OIDC configuration: invalid issuer URL", new Check(ToolHiveCheckNames.JwtDiscovery, false, discoveryUrl, "an absolute https URL"));
            if (fetchPolicy is not null && await ToolHiveFetchGate.RefusedAsync(ToolHiveCheckNames.DiscoveryFetch, "Get", discoveryUrl, insecureApplies: true, fetchPolicy, run.Checks, cancellationToken).ConfigureAwait(false) is { } refused)
                return run.Fail(discoveryFailed + "failed to fetch OIDC configuration: " + refused);
            var (document, discoveryError) = await discovery.GetAsync(discoveryUri, cancellationToken).ConfigureAwait(false);
            run.Checks.Add(new Check(ToolHiveCheckNames.JwtDiscovery, document is not null, document is null ? discoveryError : $"jwks_uri {document.JwksUri}", discoveryUrl,
                document is null ? "Discovery failed: IdP unreachable, wrong issuerUrl path, TLS/CA problem (caCertPath replaces the system roots), private IP without allowPrivateIP. Failures are retried on every request." : null));
            if (document is null) return run.Fail($"OIDC discovery failed: failed to discover OIDC configuration: {discoveryError}");
            jwksUrl = document.JwksUri;
            if (document.Issuer is not null && document.Issuer != provider.IssuerUrl)
                run.Hints.Add($"The discovery document's issuer is \"{document.Issuer}\" while issuerUrl is \"{provider.IssuerUrl}\": ToolHive does not compare them, but tokens carry the document's issuer.");
        }

        // 2. golang-jwt parse: malformed -> opaque -> introspection.
        var text = token.Reveal();
        var parse = GoJwtParse.Of(text);
        var parts = parse.Parts;
        var alg = parts?.Header.TryGet("alg", out var algValue) == true && algValue.ValueKind == JsonValueKind.String ? algValue.GetString() : null;
        var algUnverifiable = parts is not null && (alg is null || !RegisteredAlgorithms.Contains(alg));
        if (parts is null || (!algUnverifiable && parts.Signature is null))
        {
            var reason = parse.MalformedReason ?? GoJwtParse.SignatureNotBase64;
            run.Checks.Add(new Check(ToolHiveCheckNames.JwtParse, false, reason, "a well-formed JWT (otherwise the token is treated as opaque)"));
            return await IntrospectAsync(run, introspectionUrl, token, reason, at, cancellationToken).ConfigureAwait(false);
        }

        run.Checks.Add(new Check(ToolHiveCheckNames.JwtParse, true, "a JWT", "a well-formed JWT"));
        if (algUnverifiable)
        {
            var what = alg is null ? "signing method (alg) is unspecified" : "signing method (alg) is unavailable";
            return run.Fail($"failed to parse token: token is unverifiable: {what}",
                new Check(ToolHiveCheckNames.JwtAlgorithm, false, parts.Header.Display("alg", 40) ?? "<missing>", "RS256/384/512 or ES256/384/512"));
        }

        // 3. keyfunc: JWKS registration, alg family, kid, lookup.
        if (string.IsNullOrEmpty(jwksUrl) || !Uri.TryCreate(jwksUrl, UriKind.Absolute, out var jwksUri))
            return run.Fail("failed to parse token: token is unverifiable: error while executing keyfunc: missing JWKS URL", new Check(ToolHiveCheckNames.JwtJwks, false, jwksUrl ?? "<none>", "a JWKS URL"));
        if (fetchPolicy is not null && await ToolHiveFetchGate.RefusedAsync(ToolHiveCheckNames.JwksFetch, "Get", jwksUrl, insecureApplies: true, fetchPolicy, run.Checks, cancellationToken).ConfigureAwait(false) is { } jwksRefused)
            return run.Fail("failed to parse token: token is unverifiable: error while executing keyfunc: JWKS registration failed: failed to register JWKS URL: " + jwksRefused);
        var fetched = await keySets.GetKeySetAsync(jwksUri, cancellationToken).ConfigureAwait(false);
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtJwks, fetched.Succeeded, fetched.Succeeded ? $"{fetched.KeySet!.KeyIds.Count} keys from {fetched.KeySet.Source}{(fetched.FromCache ? " (cached)" : "")}" : fetched.Error, jwksUrl,
            fetched.Succeeded ? null : "The JWKS could not be fetched (or took longer than 5 s): registration is retried on the next request."));
        if (!fetched.Succeeded)
            return run.Fail($"failed to parse token: token is unverifiable: error while executing keyfunc: JWKS registration failed: failed to register JWKS URL: {fetched.Error}");

        var algAccepted = AcceptedAlgorithms.Contains(alg!);
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtAlgorithm, algAccepted, alg, "RS256/384/512 or ES256/384/512",
            algAccepted ? null : $"ToolHive accepts only RSA PKCS#1 and ECDSA signatures; the IdP signs with {alg}. Configure the IdP (or the client's token request) for RS256 or ES256."));
        if (!algAccepted) return run.Fail($"failed to parse token: token is unverifiable: error while executing keyfunc: unexpected signing method: {alg}");

        var kidIsString = parts.Header.TryGet("kid", out var kidValue) && kidValue.ValueKind == JsonValueKind.String;
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtKeyId, kidIsString, parts.Header.Display("kid", 80) ?? "<missing>", "a JSON string kid header",
            kidIsString ? null : "ToolHive needs a kid header that is a JSON string; the IdP must publish kids and put them in tokens."));
        if (!kidIsString) return run.Fail("failed to parse token: token is unverifiable: error while executing keyfunc: token header missing kid");

        var kid = kidValue.GetString()!;
        var key = fetched.KeySet!.FindByKeyId(kid);
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtKeyLookup, key is not null, JsonObjectView.Shorten(kid, 80), "one of " + string.Join(", ", fetched.KeySet.KeyIds),
            key is null ? RotationHint(fetched.KeySet) : null));
        if (key is null) return run.Fail($"failed to parse token: token is unverifiable: error while executing keyfunc: key ID {kid} not found in JWKS");

        // h. signature.
        var family = alg!.StartsWith("RS", StringComparison.Ordinal) ? "RSA" : "EC";
        var keyType = JwsSignature.KeyType(key);
        string? signatureError = null;
        if (keyType != family) signatureError = family == "RSA" ? "key is of invalid type: RSA verify expects *rsa.PublicKey" : "key is of invalid type: ECDSA verify expects *ecdsa.PublicKey";
        else if (!JwsSignature.Verify(parts, key, alg).Valid) signatureError = family == "RSA" ? "crypto/rsa: verification error" : "ecdsa: verification error";
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtSignature, signatureError is null, signatureError ?? "verifies", "a valid signature",
            signatureError is null ? null : "Wrong key or altered token; or the kid names a key of another type."));
        if (signatureError is not null) return run.Fail($"failed to parse token: token signature is invalid: {signatureError}");

        // i/j. golang-jwt's exp and nbf, both evaluated, messages joined.
        var claims = parts.Claims;
        var now = at;
        var libraryErrors = new List<string>();
        LibraryTime(claims, "exp", now, run, libraryErrors);
        LibraryTime(claims, "nbf", now, run, libraryErrors);
        if (libraryErrors.Count > 0) return run.Fail("failed to parse token: token has invalid claims: " + string.Join(", ", libraryErrors));

        // 4. ToolHive's own claim checks: iss, aud, exp.
        var error = ClaimChecks(run, claims, now, introspected: false);
        return error is null ? run.Accept(claims.ToDictionary(), introspected: false) : run.Fail(error);
    }

    private async Task<ToolHiveProviderOutcome> IntrospectAsync(Run run, string? introspectionUrl, Secret token, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var hasEndpoint = !string.IsNullOrEmpty(introspectionUrl);
        run.Checks.Add(new Check(ToolHiveCheckNames.IntrospectionEndpoint, hasEndpoint, introspectionUrl ?? "<none>", "introspectionUrl set for opaque tokens",
            hasEndpoint ? null : $"The token is not a well-formed JWT ({reason}), so ToolHive introspects it, but this provider has no introspectionUrl."));
        if (!hasEndpoint) return run.Fail("failed to introspect opaque token: no introspection endpoint available", introspected: true);

        if (introspectionUrl == "https://oauth2.googleapis.com/tokeninfo")
        {
            run.Checks.Add(new Check(ToolHiveCheckNames.IntrospectionProvider, true, "google tokeninfo", "RFC 7662", "Google tokeninfo is not evaluated here."));
            return run.Fail("not evaluated: Google tokeninfo introspection", introspected: true, provisional: true);
        }

        if (introspectionUrl!.Contains("api.github.com/applications", StringComparison.Ordinal))
        {
            run.Checks.Add(new Check(ToolHiveCheckNames.IntrospectionProvider, false, "GitHub", "an introspection that yields exp",
                "ToolHive's GitHub introspection never yields exp, so it always ends in \"token expired\"."));
            return run.Fail("failed to introspect opaque token: token expired", introspected: true);
        }

        if (introspectionClient is null || !Uri.TryCreate(introspectionUrl, UriKind.Absolute, out var endpoint))
        {
            run.Checks.Add(new Check(ToolHiveCheckNames.IntrospectionCall, false, "not evaluated", introspectionUrl));
            return run.Fail("not evaluated: introspection was not called", introspected: true, provisional: true);
        }

        var authenticated = !string.IsNullOrEmpty(run.Provider.ClientId) || run.Provider.ClientSecret is { IsEmpty: false };
        if (!authenticated)
            run.Hints.Add("Without clientId or client secret ToolHive introspects with Go's default HTTP client: system CAs (caCertPath ignored), no authTokenFile, no private-IP block, plain HTTP allowed.");
        // Only the authenticated client is toolhive's own (HTTPS-only without the insecure flag, private-IP block); the fallback is Go's default client.
        if (authenticated && fetchPolicy is not null && await ToolHiveFetchGate.RefusedAsync(ToolHiveCheckNames.IntrospectionFetch, "Post", introspectionUrl, insecureApplies: false, fetchPolicy, run.Checks, cancellationToken).ConfigureAwait(false) is { } refused)
            return run.Fail("failed to introspect opaque token: rfc7662 introspection failed: " + refused, introspected: true);
        var answer = await IntrospectionClient.IntrospectAsync(introspectionClient, endpoint, token, run.Provider.ClientId, run.Provider.ClientSecret, cancellationToken, fetchPolicy?.AllowUnencryptedAuthentication ?? false).ConfigureAwait(false);
        run.Checks.Add(new Check(ToolHiveCheckNames.IntrospectionCall, answer.Error is null, answer.Error ?? $"status {answer.Status}", "200 with a JSON object"));
        if (answer.NotSent)
        {
            // A verdict the module describes rather than performs: the operator's token stays here.
            run.Hints.Add($"Not evaluated: {answer.Error}. Point introspectionUrl at the IdP's https endpoint itself.");
            return run.Fail("not evaluated: " + answer.Error, introspected: true, provisional: true);
        }

        if (answer.Error is not null)
        {
            var failed = run.Fail($"failed to introspect opaque token: rfc7662 introspection failed: {answer.Error}", introspected: true);
            return failed with { IntrospectionUnanswered = answer.Status is null };
        }

        run.Checks.Add(new Check(ToolHiveCheckNames.IntrospectionActive, answer.Active, answer.Members.Display("active") ?? "<missing>", "true",
            answer.Active ? null : "The IdP says the token is not active (expired, revoked, or issued by another server)."));
        if (!answer.Active) return run.Fail("failed to introspect opaque token: rfc7662 introspection failed: invalid token", introspected: true);

        if (answer.Members.TryGet("exp", out var exp) && exp.ValueKind != JsonValueKind.Number && exp.ValueKind != JsonValueKind.Null)
        {
            run.Checks.Add(new Check(ToolHiveCheckNames.IntrospectionExp, false, answer.Members.Display("exp"), "a JSON number"));
            return run.Fail("failed to introspect opaque token: rfc7662 introspection failed: failed to decode introspection response", introspected: true);
        }

        var dropped = answer.Members.Names.Where(n => n != "active" && !KeptIntrospectionFields.Contains(n)).ToArray();
        if (dropped.Length > 0)
            run.Hints.Add($"ToolHive keeps only exp, sub, aud, scope and iss from introspection; dropped: {string.Join(", ", dropped)}. Role rules on those claims never match opaque tokens.");

        var kept = answer.Members.ToDictionary().Where(kv => KeptIntrospectionFields.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var error = ClaimChecks(run, answer.Members, at, introspected: true);
        return error is null ? run.Accept(kept, introspected: true) : run.Fail("failed to introspect opaque token: " + error, introspected: true);
    }

    /// <summary>golang-jwt verifyExpiresAt / verifyNotBefore: whole seconds, no leeway; 0 means absent.</summary>
    private static void LibraryTime(JsonObjectView claims, string name, DateTimeOffset now, Run run, List<string> errors)
    {
        if (!claims.TryGet(name, out var value)) return;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var seconds))
        {
            run.Checks.Add(new Check(name == "exp" ? ToolHiveCheckNames.JwtExpiry : ToolHiveCheckNames.JwtNotBefore, false, claims.Display(name, 60), "a JSON number"));
            errors.Add($"invalid type for claim: {name} is invalid");
            return;
        }

        if (seconds == 0) return;
        var whole = Math.Floor(seconds);
        var delta = whole - now.ToUnixTimeMilliseconds() / 1000d;
        var pass = name == "exp" ? delta > 0 : delta <= 0;
        var when = Math.Abs(whole) > 253402300799d ? whole.ToString(CultureInfo.InvariantCulture) : $"{DateTimeOffset.FromUnixTimeSeconds((long)whole):yyyy-MM-dd HH:mm:ss}Z";
        var hint = pass ? null : name == "exp"
            ? $"The token expired {TimeClaim.FormatSpan(-delta)} ago; ToolHive allows no clock leeway."
            : $"The token is not valid for another {TimeClaim.FormatSpan(delta)}: the IdP's clock is ahead of the server's (no leeway).";
        run.Checks.Add(new Check(name == "exp" ? ToolHiveCheckNames.JwtExpiry : ToolHiveCheckNames.JwtNotBefore, pass, $"{when} ({TimeClaim.Describe(name, delta)})",
            name == "exp" ? "now < exp (no leeway)" : "nbf <= now (no leeway)", hint));
        if (!pass) errors.Add(name == "exp" ? "token is expired" : "token is not valid yet");
    }

    /// <summary>token.go:931-969: iss (trimmed), aud (exact element), exp required. Returns the error text or null.</summary>
    private static string? ClaimChecks(Run run, JsonObjectView claims, DateTimeOffset now, bool introspected)
    {
        string issuer = "";
        if (claims.TryGet("iss", out var iss))
        {
            if (iss.ValueKind != JsonValueKind.String)
            {
                run.Checks.Add(new Check(ToolHiveCheckNames.JwtIssuer, false, claims.Display("iss", 80), $"\"{run.Provider.IssuerUrl.Trim()}\""));
                return "failed to get issuer from claims: invalid type for claim: iss is invalid";
            }

            issuer = iss.GetString()!;
        }

        var issuerPass = issuer.Trim() == run.Provider.IssuerUrl.Trim();
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtIssuer, issuerPass, claims.Contains("iss") ? $"\"{issuer}\"" : "<missing>", $"\"{run.Provider.IssuerUrl.Trim()}\"",
            issuerPass ? null : IssuerHint(issuer.Trim(), run.Provider.IssuerUrl.Trim())));
        if (!issuerPass) return "invalid issuer";

        var audiences = GoAudience(claims);
        var audiencePass = audiences.Contains(run.Provider.Audience, StringComparer.Ordinal);
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtAudience, audiencePass, claims.Display("aud", 200) ?? "<missing>", $"contains \"{run.Provider.Audience}\"",
            audiencePass ? null : AudienceHint(audiences, run.Provider.Audience, introspected)));
        if (!audiencePass) return "invalid audience";

        var hasExp = claims.TryGet("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetDouble(out var expSeconds) && expSeconds != 0;
        var nowSeconds = now.ToUnixTimeMilliseconds() / 1000d;
        var expPass = hasExp && (introspected ? Math.Floor(exp.GetDouble()) >= Math.Floor(nowSeconds) : Math.Floor(exp.GetDouble()) > nowSeconds);
        run.Checks.Add(new Check(ToolHiveCheckNames.JwtExpRequired, expPass, hasExp ? claims.Display("exp") : "<missing>", "a future exp",
            expPass ? null : hasExp ? "The token has expired." : "ToolHive requires an exp claim (legacy Kubernetes service-account tokens and some introspection answers have none)."));
        return expPass ? null : "token expired";
    }

    /// <summary>golang-jwt GetAudience: a string is one element; an array must hold only strings; anything else is empty.</summary>
    private static IReadOnlyList<string> GoAudience(JsonObjectView claims)
    {
        if (!claims.TryGet("aud", out var aud)) return Array.Empty<string>();
        if (aud.ValueKind == JsonValueKind.String) return new[] { aud.GetString()! };
        if (aud.ValueKind == JsonValueKind.Array && aud.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return aud.EnumerateArray().Select(e => e.GetString()!).ToArray();
        return Array.Empty<string>();
    }

    private static string IssuerHint(string actual, string expected)
    {
        if (actual.Length == 0) return "The token has no iss claim.";
        if (actual.TrimEnd('/') == expected.TrimEnd('/')) return $"iss and issuerUrl differ only by a trailing slash (\"{actual}\" vs \"{expected}\"); the comparison is exact after trimming spaces.";
        if (string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase)) return "iss and issuerUrl differ only in letter case; the comparison is case-sensitive.";
        if (actual.Replace("http://", "https://", StringComparison.Ordinal) == expected.Replace("http://", "https://", StringComparison.Ordinal)) return "iss and issuerUrl differ in http vs https.";
        if (actual.Contains("kubernetes.default.svc", StringComparison.Ordinal) || expected.Contains("kubernetes.default.svc", StringComparison.Ordinal))
            return $"Kubernetes service-account tokens carry the API server's --service-account-issuer (\"{actual}\"); set issuerUrl to exactly that (…svc vs …svc.cluster.local).";
        return "The token comes from another issuer; in a multi-provider config it may be meant for another provider.";
    }

    private static string AudienceHint(IReadOnlyList<string> audiences, string expected, bool introspected)
    {
        if (introspected && audiences.Count == 0) return "The introspection answer has no aud; ToolHive needs the audience there too (configure the IdP to include it).";
        if (audiences.Count == 0) return "The token has no usable aud (missing, or not a string/list of strings).";
        if (audiences.All(a => a == "account")) return "Keycloak's default aud is \"account\": add an Audience mapper that puts the registry's audience in the token.";
        if (audiences.Contains("api://default")) return "Okta's default authorization server audience is api://default; set audience to it or configure the authorization server's audience.";
        if (audiences.Any(a => a.Contains("kubernetes.default.svc", StringComparison.Ordinal) || a.StartsWith("https://localhost:6443", StringComparison.Ordinal)))
            return "This Kubernetes token is minted for the API server; project a token with serviceAccountToken.audience set to the registry's audience.";
        if (audiences.Any(a => string.Equals(a, expected, StringComparison.OrdinalIgnoreCase))) return "aud matches only when letter case is ignored; the comparison is exact.";
        return $"aud lacks the exact audience \"{expected}\".";
    }

    private static string RotationHint(KeySet set)
    {
        var advertised = set.AdvertisedMaxAge;
        var interval = advertised is null ? MinRefresh : advertised < MinRefresh ? MinRefresh : advertised > MaxRefresh ? MaxRefresh : advertised.Value;
        return $"No key with this kid: after an IdP key rotation ToolHive keeps its cached JWKS until the next scheduled refresh (no refresh on an unknown kid). Worst-case wait: {TimeClaim.FormatSpan(interval.TotalSeconds)}" +
               (advertised is null ? " (the minimum; the JWKS response sets no max-age)" : $" (max-age {TimeClaim.FormatSpan(advertised.Value.TotalSeconds)} clamped to [15m, 30d])") +
               ". Otherwise the token is from another IdP or provider.";
    }

    private sealed class Run
    {
        public Run(ToolHiveTokenProvider provider) => Provider = provider;

        public ToolHiveTokenProvider Provider { get; }

        public List<Check> Checks { get; } = new();

        public List<string> Hints { get; } = new();

        public ToolHiveProviderOutcome Fail(string error, Check? check = null, bool introspected = false, bool provisional = false)
        {
            if (check is not null) Checks.Add(check);
            return Build(false, error, introspected, null) with { NotEvaluated = provisional };
        }

        public ToolHiveProviderOutcome Accept(IReadOnlyDictionary<string, object?> claims, bool introspected) => Build(true, null, introspected, claims);

        private ToolHiveProviderOutcome Build(bool accepted, string? error, bool introspected, IReadOnlyDictionary<string, object?>? claims)
        {
            var hints = new List<string>(Hints);
            foreach (var check in Checks)
            {
                if (!check.Passed && check.Hint is not null && !hints.Contains(check.Hint)) hints.Add(check.Hint);
            }

            return new ToolHiveProviderOutcome
            {
                Provider = Provider.Name,
                Accepted = accepted,
                Error = error,
                Introspected = introspected,
                Checks = Checks.ToArray(),
                Hints = hints,
                Claims = claims ?? new Dictionary<string, object?>(),
            };
        }
    }
}
