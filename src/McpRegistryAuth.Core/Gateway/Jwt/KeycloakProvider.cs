using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>keycloak.py: three accepted issuers, audiences client id / M2M client id / <c>mcp-gateway</c>; <c>account</c> is not among them.</summary>
internal sealed class KeycloakProvider : IdpProvider
{
    public KeycloakProvider(IReadOnlyDictionary<string, string> environment) : base(environment) { }

    public override string Method => "keycloak";

    public override IReadOnlyList<string> RequiredVariables { get; } = new[] { "KEYCLOAK_URL", "KEYCLOAK_CLIENT_ID", "KEYCLOAK_CLIENT_SECRET" };

    private string Url => Get("KEYCLOAK_URL");

    private string Realm => Get("KEYCLOAK_REALM", "mcp-gateway");

    public override string JwksUrl => $"{Url}/realms/{Realm}/protocol/openid-connect/certs";

    public override string[] Issuers =>
        new[] { $"{Get("KEYCLOAK_EXTERNAL_URL", Url)}/realms/{Realm}", $"{Url}/realms/{Realm}", $"http://localhost:8080/realms/{Realm}" }
            .Distinct(StringComparer.Ordinal).ToArray();

    public override string[]? AudiencesFor(JwtParts parts) =>
        new[] { Get("KEYCLOAK_CLIENT_ID"), GetOrNull("KEYCLOAK_M2M_CLIENT_ID"), "mcp-gateway" }.OfType<string>().Where(a => a.Length > 0).Distinct().ToArray();

    public override IdpIdentity IdentityOf(JsonObjectView claims) =>
        new(First(claims, "preferred_username", "sub"), First(claims, "azp", "aud") ?? Get("KEYCLOAK_CLIENT_ID"), StringList(claims, "groups"), ScopeSplit(claims));

    public override IEnumerable<string> HintsFor(Check failed, JsonObjectView claims)
    {
        if (failed.Name.EndsWith(".Audience", StringComparison.Ordinal) && ClaimReader.Audiences(claims) is { Count: > 0 } aud && aud.All(a => a == "account"))
            yield return "Keycloak access tokens carry aud \"account\" by default, which the gateway rejects. Add an Audience mapper (client scope, \"Included Client Audience\" = KEYCLOAK_CLIENT_ID or the M2M client, or custom audience \"mcp-gateway\").";
        if (failed.Name.EndsWith(".Issuer", StringComparison.Ordinal))
            yield return $"Keycloak issuers accepted: {string.Join(", ", Issuers)}. The issuer host comes from KC_HOSTNAME/proxy headers: set KEYCLOAK_EXTERNAL_URL to the URL clients use, and check the realm (KEYCLOAK_REALM).";
    }
}
