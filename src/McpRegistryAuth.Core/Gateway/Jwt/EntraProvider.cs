using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// entra.py: v2 or v1 (sts.windows.net, trailing slash) issuer; audiences client id, <c>api://</c>client id, the
/// application id URI and per-server resource URLs (server.py <c>_obo_extra_audiences</c>); tokens carrying <c>nonce</c>, <c>at_hash</c> or
/// <c>c_hash</c> (ID tokens) are rejected.
/// </summary>
internal sealed class EntraProvider : IdpProvider
{
    private readonly string? serverPath;

    public EntraProvider(IReadOnlyDictionary<string, string> environment, string? serverPath) : base(environment) => this.serverPath = serverPath;

    public override string Method => "entra";

    public override IReadOnlyList<string> RequiredVariables { get; } = new[] { "ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "ENTRA_CLIENT_SECRET" };

    private string Login => Get("ENTRA_LOGIN_BASE_URL", "https://login.microsoftonline.com").TrimEnd('/');

    private string Tenant => Get("ENTRA_TENANT_ID");

    public override string JwksUrl => $"{Login}/{Tenant}/discovery/v2.0/keys";

    public override string[] Issuers => new[] { $"{Login}/{Tenant}/v2.0", $"https://sts.windows.net/{Tenant}/" };

    public override string[]? AudiencesFor(JwtParts parts)
    {
        var clientId = Get("ENTRA_CLIENT_ID");
        var list = new List<string> { clientId, $"api://{clientId}" };
        if (GetOrNull("ENTRA_APPLICATION_ID_URI") is { } uri) list.Add(uri);
        list.AddRange(PerServerAudiences());
        return list.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>server.py <c>_obo_extra_audiences</c>: for the request's server path, the resource URL under each configured base, with and without /mcp.</summary>
    private IEnumerable<string> PerServerAudiences()
    {
        if (string.IsNullOrEmpty(serverPath)) yield break;
        foreach (var name in new[] { "AUTH_SERVER_EXTERNAL_URL", "REGISTRY_URL" })
        {
            if (GetOrNull(name) is not { } baseUrl) continue;
            var url = baseUrl.TrimEnd('/') + "/" + serverPath.Trim('/');
            yield return url + "/mcp";
            yield return url;
        }
    }

    public override bool CheckAfterDecode(JwtParts parts, List<Check> checks)
    {
        var markers = new[] { "nonce", "at_hash", "c_hash" }.Where(parts.Claims.Contains).ToArray();
        var pass = markers.Length == 0;
        checks.Add(new Check(GatewayJwtCheckNames.IdTokenMarkers, pass, pass ? "none" : string.Join(", ", markers), "no nonce, at_hash or c_hash",
            pass ? null : "This is an ID token (it carries " + string.Join("/", markers) + "); Entra ID tokens are refused to stop replay. Send the access token for the API."));
        return pass;
    }

    public override IdpIdentity IdentityOf(JsonObjectView claims)
    {
        var groups = StringList(claims, "groups");
        return new(First(claims, "preferred_username", "sub"), First(claims, "azp") ?? Get("ENTRA_CLIENT_ID"), groups.Count > 0 ? groups : StringList(claims, "roles"), ScopeSplit(claims));
    }

    public override IEnumerable<string> HintsFor(Check failed, JsonObjectView claims)
    {
        var iss = claims.GetString("iss") ?? "";
        if (failed.Name.EndsWith(".Issuer", StringComparison.Ordinal))
        {
            if (claims.GetString("tid") is { } tid && tid != Tenant)
                yield return $"The token is from tenant {tid}, not ENTRA_TENANT_ID {Tenant}.";
            else
                yield return $"Entra issuers accepted: {Issuers[0]} (v2 tokens) and {Issuers[1]} (v1 tokens, with the trailing slash). The token version follows the API app's accessTokenAcceptedVersion.";
        }

        if (failed.Name.EndsWith(".Audience", StringComparison.Ordinal))
        {
            if (ClaimReader.Audiences(claims).Contains(TokenInspector.GraphAudience))
                yield return "This is a Microsoft Graph token (aud 00000003-…): request a token for the registry's API scope (api://<client id>/.default).";
            else if (iss.EndsWith("/v2.0", StringComparison.Ordinal))
                yield return "v2 tokens carry the API's client id (GUID) as aud; v1 tokens carry the App ID URI. Set ENTRA_APPLICATION_ID_URI if the token's aud is a custom App ID URI.";
            else
                yield return "v1 tokens carry the App ID URI as aud: set ENTRA_APPLICATION_ID_URI to it, or switch the API app to v2 tokens.";
        }
    }
}
