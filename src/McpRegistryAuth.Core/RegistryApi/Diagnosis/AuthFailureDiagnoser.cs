using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.RegistryApi.Diagnosis;

/// <summary>
/// Names the likely cause of a 401 or 403 from what the client can see: the challenge (WWW-Authenticate)
/// and body, the RFC 9728 document when the challenge advertises one, the token sent (decoded, never shown)
/// and, for a 403 with scope definitions, the operation against the caller's scopes. The first cause found
/// wins; every check is kept for -Verbose. Used by Invoke-RegistryApi and by any command that calls a
/// protected server.
/// </summary>
public sealed class AuthFailureDiagnoser(HttpClient http)
{
    public async Task<AuthFailureDiagnosis> DiagnoseAsync(AuthFailureContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        var checks = new List<Check>();
        var findings = new List<Finding>();
        var url = response.Uri;
        var message = ServerMessage.Of(response);
        var wwwAuthenticate = string.Join(", ", response.HeaderValues("WWW-Authenticate"));
        var challenge = WwwAuthenticateParser.Parse(wwwAuthenticate).FirstOrDefault(c => c.IsBearer);
        checks.Add(new Check(DiagnosisCheckNames.Challenge, true, wwwAuthenticate.Length == 0 ? "no WWW-Authenticate" : wwwAuthenticate));

        var contentTypes = response.HeaderValues("Content-Type");
        checks.Add(new Check(DiagnosisCheckNames.ContentType, contentTypes.Length <= 1, contentTypes.Length == 0 ? "none" : string.Join(" | ", contentTypes), "one Content-Type"));
        if (contentTypes.Length > 1)
        {
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning, Code = DiagnosisCodes.DoubleContentType, Path = url.AbsoluteUri,
                Message = $"The {response.Status} answer carried {contentTypes.Length} Content-Type headers ({string.Join(", ", contentTypes)}): the gateway before release 1.32.0 sent its auth errors so, and clients then report a JSON parse error instead of the {response.Status}. The body was read as JSON regardless.",
                Fix = "Upgrade the gateway to 1.32.0 or later; the failure itself is described by this error.",
            });
        }

        AuthFailureDiagnosis Found(string code, string cause, string fix) => new()
        {
            Code = code, Cause = cause, Fix = fix + " " + NextStep(context), ServerMessage = message, Checks = checks, Findings = findings,
        };

        var token = context.Token;
        if (token is null)
        {
            checks.Add(new Check(DiagnosisCheckNames.TokenSent, false, "no token", "a bearer token"));
            return Found(DiagnosisCodes.NoToken, "no token was sent.", "Give -Token, -TokenFile or -Profile, or pipe a token from Get-McpAccessToken.");
        }

        if (!response.TokenSent)
        {
            checks.Add(new Check(DiagnosisCheckNames.TokenSent, false, $"token {token.Fingerprint} not sent to {url.GetLeftPart(UriPartial.Authority)} (redirected to another origin)", "the token sent to the server that answered"));
            return Found(DiagnosisCodes.TokenDroppedOnRedirect, $"the request was redirected to {url.GetLeftPart(UriPartial.Authority)}, another origin, and a token is never sent on such a redirect.",
                "Call the registry at the URL it redirects to (-RegistryUrl), so the token goes to it directly.");
        }

        checks.Add(new Check(DiagnosisCheckNames.TokenSent, true, $"token {token.Fingerprint} in {context.HeaderName}"));
        if (IsHeaderNotRead(message))
        {
            return Found(DiagnosisCodes.HeaderNotRead, $"the server found no bearer token in the request ('{message}'), though the token went in {context.HeaderName}: this server reads another header, or a proxy removed it.",
                "Check -RegistryType (ToolHive and toolregistry-server read Authorization; behind the gateway only /api/ and /v0.1/ read Authorization) and any proxy in between.");
        }

        var inspection = TokenInspector.Inspect(token, context.At);
        var isJwt = inspection.Kind == TokenKind.Jwt;
        checks.Add(new Check(DiagnosisCheckNames.TokenShape, true, isJwt ? $"JWT from {inspection.Issuer ?? "(no iss)"}" : "opaque (not a JWT)"));
        if (response.Status == 401 && isJwt)
        {
            if (inspection.ExpiresAt is { SecondsFromNow: < 0 } expired)
            {
                checks.Add(new Check(DiagnosisCheckNames.TokenTime, false, expired.ToString(), "exp in the future"));
                return Found(DiagnosisCodes.TokenExpired, $"the token expired {Minutes(-expired.SecondsFromNow!.Value)} ago ({expired.Utc:yyyy-MM-dd HH:mm:ss}Z).",
                    "Get a new token (Get-McpAccessToken; -ForceRefresh if it came from the cache).");
            }

            if (inspection.NotBefore is { SecondsFromNow: > 0 } early)
            {
                checks.Add(new Check(DiagnosisCheckNames.TokenTime, false, early.ToString(), "nbf in the past"));
                return Found(DiagnosisCodes.TokenNotYetValid, $"the token is valid only from {early.Utc:yyyy-MM-dd HH:mm:ss}Z, {Minutes(early.SecondsFromNow!.Value)} from now: this clock or the IdP's is wrong.",
                    "Check the clocks (NTP) of this machine, the IdP and the registry.");
            }

            checks.Add(new Check(DiagnosisCheckNames.TokenTime, true, inspection.ExpiresAt?.ToString() ?? "no exp"));
        }

        if (response.Status == 401 && !isJwt && context.RegistryType == RegistryType.Gateway && !GatewayPaths.IsRegistryApi(url.AbsolutePath, context.RootPath))
        {
            return Found(DiagnosisCodes.StaticTokenOnMcpPath, $"the token is not a JWT, and {url.AbsolutePath} is outside /api/ and /v0.1/: the gateway accepts static API tokens only on its registry API and treats this one as a JWT, which fails.",
                "Send an IdP token (Get-McpAccessToken) or a token minted by the gateway (/api/tokens/generate) to MCP server paths.");
        }

        if (challenge?.ResourceMetadata is { Length: > 0 } && isJwt)
        {
            var metadata = await FetchMetadataAsync(url, wwwAuthenticate, checks, cancellationToken).ConfigureAwait(false);
            if (metadata?.Resource is { Length: > 0 } resource)
            {
                var audienceOk = inspection.Audiences.Any(a => SameUrl(a, resource));
                checks.Add(new Check(DiagnosisCheckNames.Audience, audienceOk, Join(inspection.Audiences), resource));
                if (!audienceOk)
                {
                    return Found(DiagnosisCodes.AudienceMismatch, $"the token's audience ({Join(inspection.Audiences)}) does not name this server's resource {resource}.",
                        $"Ask the IdP for a token for this resource (Get-McpAccessToken -Audience {resource}).");
                }
            }

            if (metadata is { AuthorizationServers.Count: > 0 } && inspection.Issuer is { } issuer)
            {
                var issuerOk = metadata.AuthorizationServers.Any(s => SameUrl(s, issuer));
                checks.Add(new Check(DiagnosisCheckNames.Issuer, issuerOk, issuer, Join(metadata.AuthorizationServers)));
                if (!issuerOk)
                {
                    return Found(DiagnosisCodes.IssuerMismatch, $"the token was issued by {issuer}, which is not an authorization server of this registry ({Join(metadata.AuthorizationServers)}).",
                        "Get the token from the registry's authorization server (Get-RegistryAuthMetadata shows it).");
                }
            }
        }

        if (response.Status == 401 && message == "Invalid authentication token")
        {
            return Found(DiagnosisCodes.TokenNotInTokensFile, "toolregistry-server does not have this token: it is no line of the server's --tokens file (compared exactly, case and inner spaces included).",
                "Add the token to the tokens file (New-RegistryApiToken) and restart the server, which reads the file once.");
        }

        if (response.Status == 403)
        {
            if (context.Scopes is { } definitions)
            {
                var caller = TokenCaller.Resolve(definitions, token, context.At);
                var access = new ScopeAccessTester(definitions).TestRequest(caller, url.AbsoluteUri, context.RequestBody, response.Method, registryRootPath: context.RootPath);
                var allowed = ScopeAccessTester.AllowsEndToEnd(access);
                checks.AddRange(caller.Checks);
                checks.Add(new Check(DiagnosisCheckNames.Scopes, allowed, $"scopes {Join(access.EffectiveScopes)}: {(allowed ? "allowed" : access.Detail ?? "denied")}", $"a scope of {definitions.Source} granting {access.Server ?? url.AbsolutePath}.{access.Method}"));
                if (!allowed)
                {
                    return Found(DiagnosisCodes.ScopeDoesNotGrant, $"no scope of the caller ({Join(access.EffectiveScopes)}) grants {access.Server}.{access.Method} in {definitions.Source}: {access.Detail}.",
                        $"Grant it in the scope definitions, or use a token whose groups map to a scope that does (Test-ScopeAccess -ScopesPath {definitions.Source} shows each rule).");
                }
            }

            return Found(DiagnosisCodes.Forbidden, ForbiddenCause(message, context),
                context.Scopes is null ? "Give -ScopesPath (scopes.yml or the mcp_scopes documents) to see which scope would grant this operation." : "The scope definitions allow it: the registry refuses it from the caller's groups or the record's own access list; ask an administrator.");
        }

        var opaqueOnApi = !isJwt && context.RegistryType == RegistryType.Gateway
            ? " The token is not a JWT: no static API token of the gateway matched it (REGISTRY_API_TOKEN, the registry API keys), so the gateway tried it as a JWT."
            : "";
        return Found(DiagnosisCodes.TokenRejected, $"the server rejected the token ({message ?? "no message"}); what failed (signature, key, issuer or audience settings, a revoked token) cannot be seen from here.{opaqueOnApi}",
            "Check the token against the server's settings offline.");
    }

    // The phrases each server uses when no bearer credential reached it.
    private static bool IsHeaderNotRead(string? message) => message is
        "missing or malformed authorization header" or "Not authenticated" or "Invalid authentication credentials"
        or "Authorization header required" or "Authorization header must use Bearer scheme" or "Bearer token required";

    private static string ForbiddenCause(string? message, AuthFailureContext context) => message switch
    {
        "forbidden: insufficient permissions" => "ToolHive authenticated the token, but its roles lack the one this route needs (manageSources, manageRegistries or manageEntries).",
        "forbidden: insufficient claims for registry" => "ToolHive authenticated the token, but its claims do not cover this registry's claims.",
        "Invalid API token" => "this gateway release compares the static API token and it did not match (403 before 2026-04-22).",
        _ => $"the server accepted the token but refused the operation ({message ?? "no message"}){(context.RegistryType == RegistryType.Gateway ? "; the gateway answers 403 when no scope of the caller grants it" : "")}.",
    };

    private async Task<RegistryAuthMetadata?> FetchMetadataAsync(Uri url, string wwwAuthenticate, List<Check> checks, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await new RegistryAuthMetadataClient(http).DiscoverAsync(url, wwwAuthenticate, cancellationToken).ConfigureAwait(false);
            checks.Add(new Check(DiagnosisCheckNames.ResourceMetadata, metadata.ResourceMetadataDocument is not null,
                metadata.ResourceMetadataDocument is null ? $"{metadata.ResourceMetadataUrl}: no document" : $"{metadata.ResourceMetadataUrl}: resource {metadata.Resource ?? "(none)"}"));
            return metadata;
        }
        catch (Exception ex) when (ex is HttpRequestException or Reporting.CommandFailureException or System.Text.Json.JsonException)
        {
            checks.Add(new Check(DiagnosisCheckNames.ResourceMetadata, false, ex.Message));
            return null;
        }
    }

    private static string NextStep(AuthFailureContext context) =>
        $"Next: Test-RegistryToken -Uri '{context.Response.Uri.AbsoluteUri}' -RegistryType {context.RegistryType} -Verbose, with the same -Token or -TokenFile, gives the server's verdict with every check.";

    private static bool SameUrl(string a, string b) => string.Equals(a.Trim().TrimEnd('/'), b.Trim().TrimEnd('/'), StringComparison.Ordinal);

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "(none)" : string.Join(", ", values);

    private static string Minutes(double seconds) => seconds < 90 ? $"{seconds:0} s" : seconds < 5400 ? $"{seconds / 60:0} minutes" : $"{seconds / 3600:0.#} hours";
}
