using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Gateway.Jwt;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// The gateway's decision for one request, stage by stage in the order of auth_server/server.py's /validate:
/// startup, nginx location, credential header, federation token, registry static token, then the
/// session and JWT stages (whose verdict is provisional until they are evaluated).
/// </summary>
public static class GatewayAuthPipeline
{
    public const string NetworkTrustedMethod = "network-trusted";

    /// <summary>The auth method of the federation static token.</summary>
    public const string FederationStaticMethod = "federation-static";

    /// <summary>The scopes the legacy REGISTRY_API_TOKEN is granted (server.py:805-817).</summary>
    public static readonly IReadOnlyList<string> LegacyScopes = ["mcp-registry-admin", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"];

    public static Verdict Evaluate(GatewayRequest request, StaticTokenConfig config)
    {
        var checks = new List<Check>(config.StartupChecks);
        var hints = new List<string>();
        var warnings = new List<string>();

        if (config.StartupRefused)
        {
            return new Verdict
            {
                RegistryType = RegistryType.Gateway,
                Status = null,
                Detail = config.StartupRefusal,
                ClientStatus = 500,
                Checks = checks,
                Findings = config.Findings,
                Warnings = ["The auth server does not start with these settings, so every request fails (nginx answers 500 while /validate is unreachable)."],
                Hints = ["Fix the Error findings and restart the auth server."],
            };
        }

        var path = request.Path;
        checks.Add(new Check(
            GatewayCheckNames.RequestOriginalUrl,
            request.Url is not null,
            request.Url is null ? "no -Uri given" : $"path '{path}' (query ignored)",
            "the URL the client called, passed by nginx as X-Original-URL",
            request.Url is null ? "Without X-Original-URL the auth server never applies static tokens." : null));

        // Status stays /validate's answer to the request as nginx would forward it, even where nginx does not
        // ask: the location only decides what the client sees (nothing token-related for a public one).
        var location = NginxLocation.For(path, config.RootPath);
        if (request.Url is not null)
        {
            var normalized = NginxLocation.NormalizedUri(path);
            var observed = normalized == path ? location.Description : $"{location.Description} (nginx matches '{normalized}')";
            checks.Add(new Check(GatewayCheckNames.NginxAuthRequest, location.CallsValidate, observed, "a location with auth_request /validate"));
            if (!location.CallsValidate)
            {
                warnings.Add($"nginx serves '{path}' from {location.Description}: it does not call /validate, so the client's answer does not depend on the token. Status is what /validate would answer for this URL.");
                if (path.TrimEnd('/') == config.RootPath + "/api")
                {
                    hints.Add($"'{path}' has no trailing slash, so it does not match the {config.RootPath}/api/ location.");
                }
            }
            else if (normalized != path)
            {
                warnings.Add($"nginx picks its location from '{normalized}' but hands /validate the raw '{path}', which the auth server's prefix tests and FGAC read as it is.");
            }

            if (request.UrlSentRaw)
            {
                warnings.Add($"The client sends the URL's characters outside ASCII as raw UTF-8 bytes: nginx copies them into X-Original-URL and the auth server reads header bytes as Latin-1, so /validate sees '{path}' (e.g. 'café' as 'cafÃ©'); a scope rule must name the server that way to match. A client that percent-encodes sends '{new GatewayRequest(request.Url).Path}'.");
            }
            else if (request.UrlWasEncoded)
            {
                warnings.Add($"The URL holds characters a client percent-encodes: /validate sees '{path}'. A client that sends the raw UTF-8 bytes instead makes the auth server read them as Latin-1 (e.g. 'café' as 'cafÃ©').");
            }
        }

        var isAgent = GatewayPaths.IsAgent(path, config.RootPath);
        var credential = GatewayCredential.Select(request, isAgent);
        checks.Add(credential.Check);

        var federation = FederationTokenRule.Evaluate(request, config, credential);
        checks.AddRange(federation.Checks);
        if (federation.Rejected)
        {
            return Finish(Rejection(federation.RejectStatus!.Value, federation.RejectDetail!, location));
        }

        if (federation.Accepted)
        {
            warnings.Add("The registry rebuilds permissions from the token's groups, which are empty for the federation token: federation export routes answer 403 although /validate says 200.");
            return Finish(Accept("federation-peer", FederationStaticMethod, ["federation/read"], [], FederationStaticMethod, "FederationStaticToken"));
        }

        var staticStage = StaticTokenRule.Evaluate(request, config, credential);
        checks.AddRange(staticStage.Checks);
        if (staticStage.Accepted)
        {
            var entry = staticStage.AcceptedEntry!;
            IReadOnlyList<string>? scopes = null;
            if (entry.IsLegacy)
            {
                scopes = LegacyScopes;
                hints.Add("The registry ignores X-Scopes: it re-maps the group mcp-registry-admin through the mcp_scopes collection, so an unseeded collection gives 403 at /api/* although /validate says 200.");
            }
            else
            {
                checks.Add(new Check(ScopeCheckNames.Scopes, false, "not evaluated: needs the scopes definition", "the scopes mapped from the key's groups at startup"));
                hints.Add($"Scopes of key '{entry.Name}' are mapped from its groups ({string.Join(", ", entry.Groups)}) once at startup; a key whose groups map to nothing gets 403 on every protected endpoint.");
            }

            return Finish(Accept(entry.Username, entry.ClientId, scopes, entry.Groups, NetworkTrustedMethod, $"StaticToken:{entry.Name}"));
        }

        return Finish(FallThrough(request, credential, location, checks, warnings));

        Verdict Accept(string username, string clientId, IReadOnlyList<string>? scopes, IReadOnlyList<string> groups, string method, string acceptedBy) => new()
        {
            RegistryType = RegistryType.Gateway,
            Status = 200,
            Body = ValidateResponse.SuccessBody(username, clientId, scopes, method, groups),
            AcceptedBy = acceptedBy,
            Identity = username,
            ClientId = clientId,
            AuthMethod = method,
            Groups = groups,
            Scopes = scopes,
        };

        Verdict Finish(Verdict verdict) => verdict with
        {
            Checks = checks,
            Hints = [.. hints, .. verdict.Hints],
            Warnings = [.. warnings, .. verdict.Warnings],
            Findings = config.Findings,
        };
    }

    private static Verdict Rejection(int status, string detail, NginxLocation location) =>
        ValidateResponse.Refusal(new Verdict { RegistryType = RegistryType.Gateway }, status, detail, location);

    // The session and JWT stages are not evaluated here: the 401 is the reference's answer for a
    // credential that is not a valid session or JWT, and is marked provisional when that is assumed.
    private static Verdict FallThrough(GatewayRequest request, GatewayCredential credential, NginxLocation location, List<Check> checks, List<string> warnings)
    {
        var hasCookie = GatewayPaths.HasSessionCookie(request);
        var hasBearer = BearerHeader.HasBearerPrefix(credential.Value);
        if (hasCookie)
        {
            checks.Add(new Check(GatewayCheckNames.Session, false, "not evaluated: needs the server's session store", "a valid mcp_gateway_session (8 h)"));
            warnings.Add(CookieAssumedInvalidWarning);
        }

        if (!hasBearer)
        {
            checks.Add(new Check(
                GatewayJwtCheckNames.BearerHeader,
                false,
                credential.Value is null ? "no credential header" : $"{credential.HeaderName} without 'Bearer '",
                "Authorization: Bearer <token> or a valid session cookie"));
            var verdict = Rejection(401, ValidateResponse.MissingBearerDetail, location);
            return verdict with
            {
                FallsThroughTo = hasCookie ? FallThroughTarget.Session : FallThroughTarget.Jwt,
                IsProvisional = hasCookie,
            };
        }

        checks.Add(new Check(GatewayJwtCheckNames.Jwt, false, "not evaluated: the JWT stage", "a valid self-signed or IdP access token"));
        var provisional = Rejection(401, ValidateResponse.TokenValidationFailedDetail, location);
        var looksLikeJwt = credential.Value!.Reveal().Split(' ', 2) is [_, var token] && token.Count(c => c == '.') == 2;
        return provisional with
        {
            FallsThroughTo = hasCookie ? FallThroughTarget.Session : FallThroughTarget.Jwt,
            IsProvisional = true,
            Hints = [looksLikeJwt ? JwtNotEvaluatedHints[0] : JwtNotEvaluatedHints[1]],
        };
    }

    /// <summary>The warning on a request with a session cookie: the session stage is not evaluated.</summary>
    internal const string CookieAssumedInvalidWarning = "A valid session cookie would be accepted before the bearer token; this verdict assumes the cookie is not valid.";

    /// <summary>The hints standing in for the JWT stage where it is not evaluated; its own answer replaces them.</summary>
    internal static readonly IReadOnlyList<string> JwtNotEvaluatedHints =
    [
        "The bearer token is JWT-shaped: its verdict depends on the JWT stage, which this verdict does not evaluate.",
        "The bearer token is not a JWT, so the JWT stage fails: 401 'Token validation failed'.",
    ];
}
