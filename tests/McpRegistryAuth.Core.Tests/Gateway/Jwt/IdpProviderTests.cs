using System.Text;
using McpRegistryAuth.Core.Gateway.Jwt;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

public class IdpProviderTests
{
    private const string KcIssuer = "https://kc.example.com/realms/mcp-gateway";

    private static string Kc(object payload) => RsaToken(payload);

    [Fact]
    public async Task Keycloak_ClientIdAudienceAcceptedWithGroupsAndAzp()
    {
        var token = Kc(new { iss = KcIssuer, aud = new[] { "account", "mcp-gateway-web" }, azp = "mcp-gateway-web", preferred_username = "bob", groups = new[] { "mcp-admins" }, scope = "openid profile", exp = In(300), iat = In(-5) });
        var verdict = await Evaluate(Bearer(token), Keycloak());
        Assert.Equal(200, verdict.Status);
        Assert.Equal("Jwt:keycloak", verdict.AcceptedBy);
        Assert.Equal("bob", verdict.Identity);
        Assert.Equal("mcp-gateway-web", verdict.ClientId);
        Assert.Equal(new[] { "mcp-admins" }, verdict.Groups);
        Assert.Null(verdict.Scopes); // groups are mapped through the scopes collection; the token's scope is ignored
    }

    [Theory]
    [InlineData("https://kc.example.com/realms/mcp-gateway")]
    [InlineData("http://keycloak:8080/realms/mcp-gateway")]
    [InlineData("http://localhost:8080/realms/mcp-gateway")]
    public async Task Keycloak_ThreeIssuersAccepted(string issuer)
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = issuer, aud = "mcp-gateway", exp = In(300) })), Keycloak());
        Assert.Equal(200, verdict.Status);
        Assert.Null(verdict.Groups is { Count: > 0 } ? "groups" : null);
        Assert.Empty(verdict.Scopes!);
    }

    [Fact]
    public async Task Keycloak_AccountAudienceRejectedWithAudienceMapperHint()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "account", azp = "mcp-gateway-web", exp = In(300) })), Keycloak());
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Audience", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("Audience mapper"));
    }

    [Fact]
    public async Task Keycloak_IssuerTrailingSlashRejectedWithHint()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer + "/", aud = "mcp-gateway", exp = In(300) })), Keycloak());
        Assert.Equal("Gateway.Jwt.Issuer", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("trailing slash"));
    }

    [Fact]
    public async Task Keycloak_JwksUrlIsBuiltFromInternalUrlAndRealm()
    {
        var keys = new RecordingKeySetSource();
        await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(300) })), Keycloak(("KEYCLOAK_REALM", "acme")), keys);
        Assert.Equal("http://keycloak:8080/realms/acme/protocol/openid-connect/certs", Assert.Single(keys.Requested).AbsoluteUri);
    }

    [Fact]
    public async Task Idp_NoLeewayOneSecondExpiredIsRejectedWithSkew()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(-1) })), Keycloak());
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Expiry", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("1s ago"));
    }

    [Fact]
    public async Task Idp_ExpEqualToNowIsExpired()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(0) })), Keycloak());
        Assert.Equal("Gateway.Jwt.Expiry", Failed(verdict).Name);
    }

    [Fact]
    public async Task Idp_IatInTheFutureIsClockSkew()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(600), iat = In(7) })), Keycloak());
        Assert.Equal("Gateway.Jwt.IssuedAt", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("7s in the future") && h.Contains("clock"));
    }

    [Fact]
    public async Task Idp_NbfInTheFutureIsRejected()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(600), nbf = In(60) })), Keycloak());
        Assert.Equal("Gateway.Jwt.NotBefore", Failed(verdict).Name);
    }

    [Fact]
    public async Task Idp_CheckOrderIsIatNbfExpIssAud()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = "https://wrong", aud = "wrong", exp = In(-100) })), Keycloak());
        Assert.Equal("Gateway.Jwt.Expiry", Failed(verdict).Name);
        var names = verdict.Checks.Select(c => c.Name).ToList();
        Assert.True(names.IndexOf("Gateway.Jwt.Signature") < names.IndexOf("Gateway.Jwt.Expiry"));
        Assert.DoesNotContain("Gateway.Jwt.Issuer", names);
    }

    [Fact]
    public async Task Idp_MissingExpIsAccepted()
    {
        // PyJWT checks exp only when present; the providers do not require it.
        Assert.Equal(200, (await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "mcp-gateway" })), Keycloak())).Status);
    }

    [Fact]
    public async Task Idp_OnlyRs256IsAllowed()
    {
        var es = Sign(new { alg = "ES256", kid = "ec-1" }, new { iss = KcIssuer, aud = "mcp-gateway", exp = In(300) }, ec: Ec);
        var verdict = await Evaluate(Bearer(es), Keycloak());
        Assert.Equal("Gateway.Jwt.Algorithm", Failed(verdict).Name);
    }

    [Fact]
    public async Task Idp_Hs256KeyedWithTheRsaPublicKeyIsRejected()
    {
        var publicKeyBytes = Encoding.ASCII.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem());
        var forged = Sign(new { alg = "HS256", kid = "rsa-1" }, new { iss = KcIssuer, aud = "mcp-gateway", exp = In(300) }, hmacKey: publicKeyBytes);
        var verdict = await Evaluate(Bearer(forged), Keycloak());
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Algorithm", Failed(verdict).Name);
    }

    [Fact]
    public async Task Idp_KidIsRequired()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = KcIssuer }, kid: null)), Keycloak());
        Assert.Equal("Gateway.Jwt.KeyId", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("Token missing 'kid' in header"));
    }

    [Fact]
    public async Task Idp_NumericKidIsRejected()
    {
        var verdict = await Evaluate(Bearer(Sign(new { alg = "RS256", kid = 1 }, new { iss = KcIssuer })), Keycloak());
        Assert.Equal("Gateway.Jwt.KeyId", Failed(verdict).Name);
    }

    [Fact]
    public async Task Idp_KidNotInJwksAfterRotationIs401()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(300) }, kid: "rsa-2", rsa: OtherRsa)), Keycloak());
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.KeyLookup", Failed(verdict).Name);
        Assert.Contains("rsa-1", Failed(verdict).Expected);
    }

    [Fact]
    public async Task Idp_SignatureFromAnotherKeyIs401()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(300) }, rsa: OtherRsa)), Keycloak());
        Assert.Equal("Gateway.Jwt.Signature", Failed(verdict).Name);
    }

    [Fact]
    public async Task Idp_JwksUnreachableIs401TokenValidationFailed()
    {
        // Every provider's get_jwks raises ValueError("Cannot retrieve JWKS: ..."), which validate_token re-raises as a
        // ValueError and /validate answers 401, not the 500 of its non-ValueError branch.
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer, aud = "mcp-gateway", exp = In(300) })), Keycloak(), new DownKeySetSource());
        Assert.Equal(401, verdict.Status);
        Assert.Equal(GatewayJwtTexts.ValidationFailed, verdict.Detail);
        Assert.Equal("Bearer", verdict.WwwAuthenticate);
        Assert.Equal(401, verdict.ClientStatus);
        Assert.Equal("Gateway.Jwt.Jwks", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("IdP outage"));
    }

    [Fact]
    public async Task Provider_UnknownNameIs401TokenValidationFailed()
    {
        // The provider factory raises ValueError, which /validate's ValueError branch answers 401.
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer })), Keycloak(("AUTH_PROVIDER", "github")));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.Equal("Bearer", verdict.WwwAuthenticate);
        Assert.Equal("Gateway.Jwt.Provider", Failed(verdict).Name);
        Assert.Contains("Unknown auth provider: github", Failed(verdict).Hint);
    }

    [Fact]
    public async Task Provider_MissingRequiredVariableIs401()
    {
        var env = Keycloak();
        env.Remove("KEYCLOAK_CLIENT_SECRET");
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer })), env);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.Contains("KEYCLOAK_CLIENT_SECRET", Failed(verdict).Observed);
    }

    [Fact]
    public async Task Provider_DefaultIsCognito()
    {
        var env = Cognito();
        env.Remove("AUTH_PROVIDER");
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer })), env);
        Assert.Equal("cognito", verdict.Checks.Single(c => c.Name == "Gateway.Jwt.Provider").Observed);
    }

    [Fact]
    public async Task Provider_NoIdpSettingsAtAllIsProvisionalNot500()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer })), Env(("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true")));
        Assert.Equal(401, verdict.Status);
        Assert.True(verdict.IsProvisional);
        Assert.Equal("Gateway.Jwt.ProviderSettings", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("AUTH_PROVIDER"));
    }

    [Fact]
    public async Task Provider_PingFederateIsProvisionalNotEvaluated()
    {
        var verdict = await Evaluate(Bearer(Kc(new { iss = KcIssuer })), Env(("AUTH_PROVIDER", "pingfederate")));
        Assert.True(verdict.IsProvisional);
    }

    [Fact]
    public async Task Idp_NonJwtTokenIs401()
    {
        var verdict = await Evaluate(Bearer("opaque-token-value"), Keycloak());
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Decode", Failed(verdict).Name);
    }

    // Cognito

    private const string CognitoIssuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC";

    [Fact]
    public async Task Cognito_AccessTokenHasNoAudienceCheckButClientId()
    {
        var token = RsaToken(new { iss = CognitoIssuer, token_use = "access", client_id = "webclient", username = "carol", scope = "aws.cognito.signin.user.admin", exp = In(300), iat = In(-1) });
        var verdict = await Evaluate(Bearer(token), Cognito());
        Assert.Equal(200, verdict.Status);
        Assert.Equal("carol", verdict.Identity);
        Assert.Equal(new[] { "aws.cognito.signin.user.admin" }, verdict.Scopes);
    }

    [Fact]
    public async Task Cognito_UnknownClientIdRejected()
    {
        var token = RsaToken(new { iss = CognitoIssuer, token_use = "access", client_id = "other", exp = In(300) });
        var verdict = await Evaluate(Bearer(token), Cognito(("COGNITO_M2M_CLIENT_IDS", "m2m-1, m2m-2")));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.ClientId", Failed(verdict).Name);
    }

    [Fact]
    public async Task Cognito_M2mListAcceptsCommaOrSpaceSeparated()
    {
        var token = RsaToken(new { iss = CognitoIssuer, token_use = "access", client_id = "m2m-2", exp = In(300) });
        Assert.Equal(200, (await Evaluate(Bearer(token), Cognito(("COGNITO_M2M_CLIENT_IDS", "m2m-1 m2m-2")))).Status);
    }

    [Fact]
    public async Task Cognito_WildcardAcceptsOnlyTokensWithoutUsername()
    {
        var env = Cognito(("COGNITO_M2M_CLIENT_IDS", "*"));
        Assert.Equal(200, (await Evaluate(Bearer(RsaToken(new { iss = CognitoIssuer, token_use = "access", client_id = "anything", exp = In(300) })), env)).Status);
        Assert.Equal(401, (await Evaluate(Bearer(RsaToken(new { iss = CognitoIssuer, token_use = "access", client_id = "anything", username = "u", exp = In(300) })), env)).Status);
    }

    [Fact]
    public async Task Cognito_IdTokenNeedsAudienceEqualToClientId()
    {
        var good = RsaToken(new { iss = CognitoIssuer, token_use = "id", aud = "webclient", exp = In(300) });
        Assert.Equal(200, (await Evaluate(Bearer(good), Cognito())).Status);
        var bad = RsaToken(new { iss = CognitoIssuer, token_use = "id", aud = "ide", exp = In(300) });
        var verdict = await Evaluate(Bearer(bad), Cognito());
        Assert.Equal("Gateway.Jwt.Audience", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("Cognito access tokens have no aud"));
    }

    [Fact]
    public async Task Cognito_HostedDomainIssuerRejectedWithHint()
    {
        var token = RsaToken(new { iss = "https://acme.auth.us-east-1.amazoncognito.com", token_use = "access", client_id = "webclient", exp = In(300) });
        var verdict = await Evaluate(Bearer(token), Cognito());
        Assert.Equal("Gateway.Jwt.Issuer", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("cognito-idp"));
    }

    [Fact]
    public async Task Cognito_RegionSelectsIssuer()
    {
        var token = RsaToken(new { iss = "https://cognito-idp.eu-west-1.amazonaws.com/us-east-1_AbC", token_use = "access", client_id = "webclient", exp = In(300) });
        Assert.Equal(200, (await Evaluate(Bearer(token), Cognito(("AWS_REGION", "eu-west-1")))).Status);
    }

    // Entra

    private const string EntraClient = "11111111-2222-3333-4444-555555555555";

    [Theory]
    [InlineData("https://login.microsoftonline.com/tid-1/v2.0")]
    [InlineData("https://sts.windows.net/tid-1/")]
    public async Task Entra_V2AndV1IssuersAccepted(string issuer)
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = issuer, aud = EntraClient, exp = In(300), roles = new[] { "Registry.Admin" } })), Entra());
        Assert.Equal(200, verdict.Status);
        Assert.Equal(new[] { "Registry.Admin" }, verdict.Groups); // no groups claim: roles (M2M)
    }

    [Fact]
    public async Task Entra_V1IssuerWithoutTrailingSlashRejected()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://sts.windows.net/tid-1", aud = EntraClient, exp = In(300) })), Entra());
        Assert.Equal("Gateway.Jwt.Issuer", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("trailing slash"));
    }

    [Fact]
    public async Task Entra_ApiUriAndApplicationIdUriAudiencesAccepted()
    {
        Assert.Equal(200, (await Evaluate(Bearer(RsaToken(new { iss = "https://sts.windows.net/tid-1/", aud = "api://" + EntraClient, exp = In(300) })), Entra())).Status);
        Assert.Equal(200, (await Evaluate(Bearer(RsaToken(new { iss = "https://sts.windows.net/tid-1/", aud = "https://registry.acme/api", exp = In(300) })), Entra(("ENTRA_APPLICATION_ID_URI", "https://registry.acme/api")))).Status);
    }

    [Fact]
    public async Task Entra_PerServerResourceAudienceAccepted()
    {
        var token = RsaToken(new { iss = "https://login.microsoftonline.com/tid-1/v2.0", aud = "https://gw.acme/weather/mcp", exp = In(300) });
        var verdict = await Evaluate(Bearer(token, "https://gw.acme/weather/mcp"), Entra(("REGISTRY_URL", "https://gw.acme/")));
        Assert.Equal(200, verdict.Status);
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("at_hash")]
    [InlineData("c_hash")]
    public async Task Entra_IdTokenMarkersRejected(string marker)
    {
        var claims = new Dictionary<string, object> { ["iss"] = "https://login.microsoftonline.com/tid-1/v2.0", ["aud"] = EntraClient, ["exp"] = In(300), [marker] = "x" };
        var verdict = await Evaluate(Bearer(RsaToken(claims)), Entra());
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.IdTokenMarkers", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("ID token"));
    }

    [Fact]
    public async Task Entra_GraphTokenAudienceHint()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://login.microsoftonline.com/tid-1/v2.0", aud = "00000003-0000-0000-c000-000000000000", exp = In(300) })), Entra());
        Assert.Contains(verdict.Hints, h => h.Contains("Microsoft Graph"));
    }

    [Fact]
    public async Task Entra_V1TokenWithAppIdUriAudienceHint()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://sts.windows.net/tid-1/", aud = "api://registry", exp = In(300) })), Entra());
        Assert.Equal("Gateway.Jwt.Audience", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("ENTRA_APPLICATION_ID_URI"));
    }

    [Fact]
    public async Task Entra_OtherTenantHint()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://login.microsoftonline.com/tid-2/v2.0", tid = "tid-2", aud = EntraClient, exp = In(300) })), Entra());
        Assert.Contains(verdict.Hints, h => h.Contains("tenant tid-2"));
    }

    // Okta

    [Fact]
    public async Task Okta_CustomServerIssuerAndScpScopes()
    {
        var token = RsaToken(new { iss = "https://acme.okta.com/oauth2/default", aud = "okta-web", sub = "dan@acme", cid = "okta-web", scp = new[] { "read", "write" }, exp = In(300) });
        var verdict = await Evaluate(Bearer(token), Okta());
        Assert.Equal(200, verdict.Status);
        Assert.Equal("dan@acme", verdict.Identity);
        Assert.Equal(new[] { "read", "write" }, verdict.Scopes);
    }

    [Fact]
    public async Task Okta_OrgServerIssuerWithoutServerId()
    {
        var env = Okta();
        env.Remove("OKTA_AUTH_SERVER_ID");
        var keys = new RecordingKeySetSource();
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://acme.okta.com", aud = "okta-web", exp = In(300) })), env, keys);
        Assert.Equal(200, verdict.Status);
        Assert.Equal("https://acme.okta.com/oauth2/v1/keys", keys.Requested.Single().AbsoluteUri);
    }

    [Fact]
    public async Task Okta_DefaultServerAudienceNeedsAllowedAudiences()
    {
        var token = RsaToken(new { iss = "https://acme.okta.com/oauth2/default", aud = "api://default", exp = In(300) });
        var verdict = await Evaluate(Bearer(token), Okta());
        Assert.Equal("Gateway.Jwt.Audience", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("OKTA_M2M_ALLOWED_AUDIENCES"));
        Assert.Equal(200, (await Evaluate(Bearer(token), Okta(("OKTA_M2M_ALLOWED_AUDIENCES", "api://default")))).Status);
    }

    [Fact]
    public async Task Okta_NonStringGroupsRejected()
    {
        var token = RsaToken(new { iss = "https://acme.okta.com/oauth2/default", aud = "okta-web", groups = new object[] { "a", 1 }, exp = In(300) });
        var verdict = await Evaluate(Bearer(token), Okta());
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Gateway.Jwt.Groups", Failed(verdict).Name);
    }

    // Auth0

    [Fact]
    public async Task Auth0_IssuerNeedsTrailingSlash()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://acme.us.auth0.com", aud = "https://registry.acme", exp = In(300) })), Auth0());
        Assert.Equal("Gateway.Jwt.Issuer", Failed(verdict).Name);
        Assert.Contains(verdict.Hints, h => h.Contains("trailing slash"));
    }

    [Fact]
    public async Task Auth0_AudienceAndGroupsClaim()
    {
        var claims = new Dictionary<string, object> { ["iss"] = "https://acme.us.auth0.com/", ["aud"] = new[] { "https://registry.acme", "https://acme.us.auth0.com/userinfo" }, ["exp"] = In(300), ["nickname"] = "erin", ["azp"] = "spa", ["https://mcp-gateway/groups"] = new[] { "ops" } };
        var verdict = await Evaluate(Bearer(RsaToken(claims)), Auth0());
        Assert.Equal(200, verdict.Status);
        Assert.Equal("erin", verdict.Identity);
        Assert.Equal("spa", verdict.ClientId);
        Assert.Equal(new[] { "ops" }, verdict.Groups);
    }

    [Fact]
    public async Task Auth0_UserinfoOnlyTokenHasAudienceHint()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://acme.us.auth0.com/", aud = "https://acme.us.auth0.com/userinfo", exp = In(300) })), Auth0());
        Assert.Contains(verdict.Hints, h => h.Contains("AUTH0_AUDIENCE"));
    }

    [Fact]
    public async Task Auth0_PermissionsWhenNoGroupsClaim()
    {
        var verdict = await Evaluate(Bearer(RsaToken(new { iss = "https://acme.us.auth0.com/", aud = "auth0-web", permissions = new[] { "read:servers" }, exp = In(300) })), Auth0());
        Assert.Equal(new[] { "read:servers" }, verdict.Groups);
    }
}
