using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// cognito.py: access tokens (<c>token_use: access</c>) have no <c>aud</c>, so the <c>client_id</c> claim is checked
/// against the web, IDE and M2M clients instead; other tokens (ID tokens) need <c>aud == COGNITO_CLIENT_ID</c>.
/// </summary>
internal sealed class CognitoProvider : IdpProvider
{
    public CognitoProvider(IReadOnlyDictionary<string, string> environment) : base(environment) { }

    public override string Method => "cognito";

    public override IReadOnlyList<string> RequiredVariables { get; } = new[] { "COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID", "COGNITO_CLIENT_SECRET" };

    private string Issuer => $"https://cognito-idp.{Get("AWS_REGION", "us-east-1")}.amazonaws.com/{Get("COGNITO_USER_POOL_ID")}";

    public override string JwksUrl => $"{Issuer}/.well-known/jwks.json";

    public override string[] Issuers => new[] { Issuer };

    private static bool IsAccessToken(JsonObjectView claims) => claims.GetString("token_use") == "access";

    public override string[]? AudiencesFor(JwtParts parts) => IsAccessToken(parts.Claims) ? null : new[] { Get("COGNITO_CLIENT_ID") };

    public override bool CheckAfterDecode(JwtParts parts, List<Check> checks)
    {
        var claims = parts.Claims;
        var access = IsAccessToken(claims);
        checks.Add(new Check(GatewayJwtCheckNames.TokenUse, true, claims.Display("token_use") ?? "<missing>", "access (client_id checked) or an ID token (aud checked)",
            access ? null : "Not an access token: the gateway checked aud against COGNITO_CLIENT_ID instead of the client_id claim. Send the access token."));
        if (!access) return true;

        var allowed = new List<string> { Get("COGNITO_CLIENT_ID") };
        if (GetOrNull("IDE_OAUTH_CLIENT_ID") is { } ide) allowed.Add(ide);
        var m2m = List("COGNITO_M2M_CLIENT_IDS");
        allowed.AddRange(m2m.Where(c => c != "*"));
        var clientId = claims.GetString("client_id");
        var wildcard = m2m.Contains("*") && !claims.Contains("username");
        var pass = clientId is not null && (allowed.Contains(clientId, StringComparer.Ordinal) || wildcard);
        checks.Add(new Check(GatewayJwtCheckNames.ClientId, pass, claims.Display("client_id") ?? "<missing>",
            "one of " + string.Join(", ", allowed.Select(a => $"\"{a}\"")) + (m2m.Contains("*") ? " or any client for tokens without username (*)" : ""),
            pass ? null : "The token's client_id is not the web client, IDE_OAUTH_CLIENT_ID or in COGNITO_M2M_CLIENT_IDS; add the app client id there."));
        return pass;
    }

    public override IdpIdentity IdentityOf(JsonObjectView claims) =>
        new(First(claims, "username", "sub"), claims.GetString("client_id") ?? Get("COGNITO_CLIENT_ID"), StringList(claims, "cognito:groups"), ScopeSplit(claims));

    public override IEnumerable<string> HintsFor(Check failed, JsonObjectView claims)
    {
        if (failed.Name.EndsWith(".Audience", StringComparison.Ordinal))
            yield return "Cognito access tokens have no aud; the gateway checks aud only for tokens whose token_use is not \"access\" (ID tokens). Send the access token, not the ID token.";
        if (failed.Name.EndsWith(".Issuer", StringComparison.Ordinal))
            yield return $"The Cognito issuer is {Issuer} (cognito-idp host, AWS_REGION and COGNITO_USER_POOL_ID), not the hosted amazoncognito.com domain.";
    }
}
