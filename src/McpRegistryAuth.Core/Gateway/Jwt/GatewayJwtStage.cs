using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// The JWT part of the gateway's /validate (auth_server/server.py, then <c>auth_server/providers/*.py</c>): credential header, <c>Bearer </c> prefix and the
/// single-space split, self-signed tokens first, then the configured IdP provider. Settings are the auth
/// server's environment variables; <c>at</c> is the instant the server would have evaluated the token.
/// </summary>
public sealed class GatewayJwtStage
{
    private readonly IKeySetSource keySets;
    private readonly FetchDiagnosis? fetchDiagnosis;
    private readonly SelfSignedVerification selfSigned;

    /// <param name="keySets">Where the provider's JWKS comes from (HTTP with the per-process cache, or an offline set).</param>
    /// <param name="fetchDiagnosis">When given, a failed JWKS fetch is run again step by step and its checks follow <c>Gateway.Jwt.Jwks</c>.</param>
    /// <param name="selfSigned">The release's self-signed verifier and the auth server's ES256 public keys; default: the newest release, no keys.</param>
    public GatewayJwtStage(IKeySetSource keySets, FetchDiagnosis? fetchDiagnosis = null, SelfSignedVerification? selfSigned = null)
    {
        this.keySets = keySets;
        this.fetchDiagnosis = fetchDiagnosis;
        this.selfSigned = selfSigned ?? new SelfSignedVerification();
    }

    /// <summary>
    /// The JWT stage's answer on its own: authentication, then the token_kind gate of a self-signed token. FGAC
    /// and the A2A invoke check, which /validate runs between the two, need scope definitions and are left
    /// to <see cref="GatewayAccessStage"/> (a warning says so).
    /// </summary>
    public async Task<Verdict> EvaluateAsync(GatewayJwtRequest request, IReadOnlyDictionary<string, string> environment, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var outcome = await AuthenticateAsync(request, environment, at, cancellationToken).ConfigureAwait(false);
        var verdict = outcome.Verdict;
        if (!verdict.Accepted)
        {
            return verdict;
        }

        var rootPath = JwtCredentialHeader.RootPath(environment);
        var checks = verdict.Checks.ToList();
        if (outcome.SelfSignedClaims is { } claims && TokenKindGate.Refusal(claims, request.OriginalUrl, rootPath, checks) is { } refusal)
        {
            return AccessRefusal.Of(verdict, 403, refusal, checks, NginxLocation.For(JwtCredentialHeader.PathOf(request.OriginalUrl), rootPath));
        }

        string[] warnings = verdict.Scopes is null
            ? ["Effective scopes come from the token's groups through the scopes collection (group mappings); not evaluated here.", FgacNotEvaluated]
            : [FgacNotEvaluated];
        return verdict with { Checks = checks, Warnings = [.. verdict.Warnings, .. warnings] };
    }

    private const string FgacNotEvaluated = "Fine-grained access (FGAC) for this path is decided after authentication; not evaluated by the JWT stage.";

    /// <summary>Authentication only: the credential, the self-signed check, the provider. A self-signed token's claims come back for the token_kind gate.</summary>
    internal async Task<GatewayJwtOutcome> AuthenticateAsync(GatewayJwtRequest request, IReadOnlyDictionary<string, string> environment, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var run = new Run(request, environment);
        return new GatewayJwtOutcome(await EvaluateCoreAsync(run, at, cancellationToken).ConfigureAwait(false), run.SelfSignedClaims);
    }

    private async Task<Verdict> EvaluateCoreAsync(Run run, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var environment = run.Environment;
        var credential = JwtCredentialHeader.From(request, environment);
        run.Checks.Add(new Check(GatewayJwtCheckNames.CredentialHeader, credential.Value is not null, credential.HeaderName ?? "<none>",
            credential.IsAgentPath ? "X-Authorization (agent path)" : "X-Authorization, else Authorization"));
        if (credential.IsAgentPath && credential.Value is null && request.Header("Authorization") is not null)
            run.Hints.Add("On /agent/ paths the gateway reads only X-Authorization: send the gateway token in X-Authorization (Authorization is left for the agent's own credential).");
        if (credential.DuplicatesAuthorization)
        {
            run.Checks.Add(new Check(GatewayJwtCheckNames.DuplicateCredential, false, "Authorization repeats X-Authorization", "different credentials",
                "On /agent/ paths Authorization is forwarded to the agent; do not repeat the gateway token there."));
            return run.Answer(401, GatewayJwtTexts.DuplicateCredential);
        }

        if (request.Header("Cookie") is { } cookie && cookie.Contains("mcp_gateway_session=", StringComparison.Ordinal))
            run.Warnings.Add("A mcp_gateway_session cookie is present: a valid session would be accepted before the bearer token (FallsThroughTo=Session, not evaluated here).");

        var authorization = credential.Value;
        var hasBearer = !string.IsNullOrEmpty(authorization) && authorization.StartsWith("Bearer ", StringComparison.Ordinal);
        run.Checks.Add(new Check(GatewayJwtCheckNames.BearerPrefix, hasBearer, authorization is null ? "<none>" : DescribePrefix(authorization), "\"Bearer \" (case-sensitive, one space)"));
        if (!hasBearer)
        {
            if (authorization is not null && authorization.StartsWith("bearer", StringComparison.OrdinalIgnoreCase))
                run.Hints.Add("The scheme must be exactly \"Bearer\" followed by one space (case-sensitive).");
            return run.Answer(401, GatewayJwtTexts.MissingBearer);
        }

        // split(" ")[1]: a second space leaves an empty token; anything after a later space is dropped.
        var pieces = authorization!.Split(' ');
        var token = new Secret(pieces[1]);
        run.Checks.Add(new Check(GatewayJwtCheckNames.BearerSplit, token.Length > 0, token.Length == 0 ? "empty token" : $"{token} ({token.Length} characters)", "the token after \"Bearer \""));
        if (token.Length == 0) run.Hints.Add("\"Bearer  <token>\" with two spaces yields an empty token on the gateway's JWT path; use exactly one space.");
        else if (pieces.Length > 2) run.Warnings.Add("Text after a second space was ignored (split(\" \")[1]).");

        var parsed = PyJwtParse.Of(token.Reveal());
        run.Checks.Add(new Check(GatewayJwtCheckNames.Decode, parsed.Parts is not null, parsed.Error ?? "a JWT", "a JWT (PyJWT decodes it)"));

        if (selfSigned.Release >= GatewayRelease.V132)
        {
            // 1.32: the shared verifier decides a token naming JWT_ISSUER; the providers call the same verifier, so
            // its failure is the answer (no provider fallback without leeway any more).
            if (SelfSignedUserTokenVerifier.Applies(parsed.Parts, environment))
            {
                var outcome = SelfSignedUserTokenVerifier.Verify(token, parsed.Parts!, selfSigned, environment, at, run.Checks, run.Findings);
                if (outcome.Claims is { } verified)
                {
                    run.SelfSignedClaims = verified;
                    return run.Accept("SelfSigned", "self_signed", verified.GetString("sub"), verified.GetString("client_id") ?? "user-generated",
                        ClaimReader.Strings(verified, "groups"), ClaimReader.Scopes(verified), provisional: false);
                }

                if (outcome.NotEvaluated) return outcome.ServerDoesNotStart ? run.NoAnswer() : run.Provisional(401, GatewayJwtTexts.ValidationFailed);
                var refused = run.Answer(401, GatewayJwtTexts.ValidationFailed);
                return outcome.Provisional ? refused with { IsProvisional = true } : refused;
            }
        }
        else if (SelfSignedTokenRule.Applies(parsed.Parts))
        {
            var key = SelfSignedTokenRule.KeyFrom(environment, run.Findings, out var secretNotGiven);
            if (key is null && secretNotGiven)
            {
                run.Checks.Add(new Check(GatewayJwtCheckNames.SelfSigned, false, "not evaluated: SECRET_KEY not given", "the auth server's SECRET_KEY",
                    "The token was minted by the gateway itself (iss mcp-auth-server): give the auth server's SECRET_KEY (-EnvFile/-Environment) to check its HS256 signature."));
                return run.Provisional(401, GatewayJwtTexts.ValidationFailed);
            }

            if (key is null)
            {
                run.Checks.Add(new Check(GatewayJwtCheckNames.SelfSigned, false, "SECRET_KEY too short", "SECRET_KEY of at least 32 characters"));
                return run.NoAnswer();
            }

            if (SelfSignedTokenRule.Evaluate(parsed.Parts!, key, at, run.Checks))
            {
                var claims = parsed.Parts!.Claims;
                run.SelfSignedClaims = claims;
                var groups = ClaimReader.Strings(claims, "groups");
                return run.Accept("SelfSigned", "self_signed", claims.GetString("sub"), claims.GetString("client_id") ?? "user-generated", groups,
                    claims.GetString("scope") is { } s ? ClaimReader.SplitWhitespace(s) : Array.Empty<string>(), provisional: false);
            }

            run.Hints.Add("The token names the gateway itself as issuer (mcp-auth-server) but failed the self-signed checks: " +
                (run.Checks.Last(c => !c.Passed).Hint ?? run.Checks.Last(c => !c.Passed).Name) + " The provider then rejects it too.");
        }

        return await EvaluateProviderAsync(run, parsed, at, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Verdict> EvaluateProviderAsync(Run run, PyJwtParse parsed, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var name = run.Environment.TryGetValue("AUTH_PROVIDER", out var configured) ? configured : "cognito";
        if (name == "pingfederate")
        {
            run.Checks.Add(new Check(GatewayJwtCheckNames.Provider, true, name, "keycloak, cognito, entra, okta or auth0 evaluated here",
                "PingFederate takes its issuer and JWKS from its discovery document; not evaluated."));
            return run.Provisional(401, GatewayJwtTexts.ValidationFailed);
        }

        var provider = IdpProvider.For(name, run.Environment, ServerPathOf(run));
        // The provider factory raises ValueError for a name it does not know and for missing settings; /validate
        // calls it inside the try whose ValueError branch answers 401, so neither is a 500.
        run.Checks.Add(new Check(GatewayJwtCheckNames.Provider, provider is not null, name, string.Join(", ", IdpProvider.KnownNames),
            provider is null ? (IdpProvider.KnownNames.Contains(name.Trim().ToLowerInvariant()) ? "AUTH_PROVIDER must be written exactly (lower case, no spaces)." : $"Unknown AUTH_PROVIDER: the provider factory raises ValueError (Unknown auth provider: {name}), which /validate answers 401 for every token.") : null));
        if (provider is null) return run.Answer(401, GatewayJwtTexts.ValidationFailed);

        if (!run.Environment.ContainsKey("AUTH_PROVIDER") && provider.RequiredVariables.All(v => !run.Environment.ContainsKey(v)))
        {
            // Nothing about the IdP was given: a deployed gateway always has these, so do not invent its 500.
            run.Checks.Add(new Check(GatewayJwtCheckNames.ProviderSettings, false, "none given", string.Join(", ", provider.RequiredVariables),
                $"No IdP settings were given (AUTH_PROVIDER defaults to {name}), so the provider stage is not evaluated: add AUTH_PROVIDER and its variables from the auth server's environment."));
            return run.Provisional(401, GatewayJwtTexts.ValidationFailed);
        }

        var missing = provider.MissingVariables();
        run.Checks.Add(new Check(GatewayJwtCheckNames.ProviderSettings, missing.Count == 0, missing.Count == 0 ? "complete" : "missing " + string.Join(", ", missing), string.Join(", ", provider.RequiredVariables),
            missing.Count == 0 ? null : "The provider factory raises ValueError for missing settings, which /validate answers 401 for every token: set them in the auth server's environment."));
        if (missing.Count > 0) return run.Answer(401, GatewayJwtTexts.ValidationFailed);

        if (parsed.Parts is null) return run.Answer(401, GatewayJwtTexts.ValidationFailed);
        var parts = parsed.Parts;

        var kidPresent = parts.Header.TryGet("kid", out var kidValue);
        var kid = kidPresent && kidValue.ValueKind == System.Text.Json.JsonValueKind.String ? kidValue.GetString() : null;
        run.Checks.Add(new Check(GatewayJwtCheckNames.KeyId, !string.IsNullOrEmpty(kid), kidPresent ? parts.Header.Display("kid", 80) : "<missing>", "a non-empty string kid header",
            string.IsNullOrEmpty(kid) ? (kidPresent ? "Key ID header parameter must be a string." : "Token missing 'kid' in header.") : null));
        if (string.IsNullOrEmpty(kid)) return run.Answer(401, GatewayJwtTexts.ValidationFailed);

        if (!Uri.TryCreate(provider.JwksUrl, UriKind.Absolute, out var jwksUri))
        {
            run.Checks.Add(new Check(GatewayJwtCheckNames.Jwks, false, provider.JwksUrl, "an absolute URL built from the provider settings"));
            return run.Answer(401, GatewayJwtTexts.ValidationFailed);
        }

        var fetched = await keySets.GetKeySetAsync(jwksUri, cancellationToken).ConfigureAwait(false);
        run.Checks.Add(new Check(GatewayJwtCheckNames.Jwks, fetched.Succeeded, fetched.Succeeded ? $"{fetched.KeySet!.KeyIds.Count} keys from {fetched.KeySet.Source}{(fetched.FromCache ? " (cached)" : "")}" : fetched.Error,
            provider.JwksUrl, fetched.Succeeded ? null : "The JWKS could not be fetched: the provider raises ValueError(\"Cannot retrieve JWKS: ...\") inside validate_token, so /validate answers 401 \"Token validation failed\", as for a bad token (an IdP outage looks like a bad token)."));
        if (!fetched.Succeeded)
        {
            if (fetchDiagnosis is not null && (jwksUri.Scheme == Uri.UriSchemeHttps || jwksUri.Scheme == Uri.UriSchemeHttp))
                run.Checks.AddRange((await fetchDiagnosis.RunAsync(jwksUri, FetchDocumentKind.Jwks, cancellationToken).ConfigureAwait(false)).Checks);
            return run.Answer(401, GatewayJwtTexts.ValidationFailed);
        }

        var key = fetched.KeySet!.FindByKeyId(kid);
        run.Checks.Add(new Check(GatewayJwtCheckNames.KeyLookup, key is not null, JsonObjectView.Shorten(kid, 80), "one of " + string.Join(", ", fetched.KeySet.KeyIds),
            key is null ? "No key with this kid in the provider's JWKS: the token was signed by another IdP (or realm/tenant), or by a key the IdP no longer publishes. The gateway fetches the JWKS per request, so a rotation is seen at once." : null));
        if (key is null) return run.Answer(401, GatewayJwtTexts.ValidationFailed);

        var rules = new PyJwtRules { Names = GatewayJwtCheckNames.IdpSteps, Algorithms = new[] { "RS256" }, Key = key, Issuers = provider.Issuers, Audiences = provider.AudiencesFor(parts), LeewaySeconds = 0 };
        if (!rules.Evaluate(parts, at, run.Checks) || !provider.CheckAfterDecode(parts, run.Checks))
        {
            var failed = run.Checks.Last(c => !c.Passed);
            run.Hints.AddRange(provider.HintsFor(failed, parts.Claims));
            return run.Answer(401, GatewayJwtTexts.ValidationFailed);
        }

        var identity = provider.IdentityOf(parts.Claims);
        run.Warnings.AddRange(provider.WarningsFor(parts.Claims));
        return run.Accept($"Jwt:{provider.Method}", provider.Method, identity.Username, identity.ClientId, identity.Groups,
            identity.Groups.Count > 0 ? null : identity.Scopes, provisional: false);
    }

    /// <summary>The MCP server path for Entra's per-server audiences (server.py <c>_obo_extra_audiences</c>): the request path without the root path, for non-registry paths.</summary>
    private static string? ServerPathOf(Run run)
    {
        var path = JwtCredentialHeader.PathOf(run.Request.OriginalUrl);
        var root = JwtCredentialHeader.RootPath(run.Environment);
        if (!path.StartsWith(root + "/", StringComparison.Ordinal)) return null;
        var rest = path[(root.Length + 1)..];
        var first = rest.Split('/')[0];
        return first is "" or "api" or "v0.1" or "agent" ? null : first;
    }

    private static string DescribePrefix(string value)
    {
        var space = value.IndexOf(' ');
        var scheme = space < 0 ? "" : value[..space];
        return space < 0 ? "no scheme" : $"scheme \"{JsonObjectView.Shorten(scheme, 20)}\"";
    }

    /// <summary>Everything collected while evaluating one request.</summary>
    private sealed class Run
    {
        public Run(GatewayJwtRequest request, IReadOnlyDictionary<string, string> environment)
        {
            Request = request;
            Environment = environment;
        }

        public GatewayJwtRequest Request { get; }

        public IReadOnlyDictionary<string, string> Environment { get; }

        public List<Check> Checks { get; } = new();

        public List<string> Hints { get; } = new();

        public List<string> Warnings { get; } = new();

        public List<Finding> Findings { get; } = new();

        /// <summary>The claims of a self-signed token that passed its checks, for the token_kind gate.</summary>
        public JsonObjectView? SelfSignedClaims { get; set; }

        public Verdict Answer(int status, string detail) => Build(status, detail) with { WwwAuthenticate = status == 401 ? "Bearer" : null };

        public Verdict Provisional(int status, string detail) => Answer(status, detail) with { IsProvisional = true };

        public Verdict NoAnswer() => Build(null, null);

        public Verdict Accept(string acceptedBy, string method, string? identity, string? clientId, IReadOnlyList<string> groups, IReadOnlyList<string>? scopes, bool provisional)
        {
            return Build(200, null) with
            {
                Body = ValidateResponse.SuccessBody(identity ?? "", clientId ?? "", scopes, method, groups),
                AcceptedBy = acceptedBy,
                AuthMethod = method,
                Identity = identity,
                ClientId = clientId,
                Groups = groups,
                Scopes = scopes,
                IsProvisional = provisional,
            };
        }

        private Verdict Build(int? status, string? detail)
        {
            var hints = new List<string>(Hints);
            foreach (var check in Checks)
            {
                if (!check.Passed && check.Hint is not null && !hints.Contains(check.Hint)) hints.Add(check.Hint);
            }

            var (clientStatus, clientBody) = NginxLocation.For(JwtCredentialHeader.PathOf(Request.OriginalUrl), JwtCredentialHeader.RootPath(Environment)).ClientResponse(status);
            return new Verdict
            {
                RegistryType = RegistryType.Gateway,
                Status = status,
                Detail = detail,
                Body = detail is null ? null : ValidateResponse.DetailBody(detail),
                ClientStatus = clientStatus,
                ClientBody = clientBody,
                Checks = Checks.ToArray(),
                Hints = hints,
                Warnings = Warnings.ToArray(),
                Findings = Findings.ToArray(),
            };
        }
    }
}
