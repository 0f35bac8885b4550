using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Tests.Gateway.Jwt;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>
/// Release 1.24's /validate detail for a token its JWT stage refuses: <c>f"Token validation failed: {e}"</c> with the
/// provider's ValueError, which each provider's validate_token makes of PyJWT's error ("Invalid token: {e}"), of
/// an expired token ("Token has expired") and of its own errors ("Token validation failed: {e}").
/// </summary>
public class V124ProviderMessageTests
{
    private const string Url = "https://gw.example.com/currenttime/mcp";

    private static Dictionary<string, string> Provider(string name) => name switch
    {
        "keycloak" => GatewayJwtTestBed.Keycloak(),
        "cognito" => GatewayJwtTestBed.Cognito(),
        "entra" => GatewayJwtTestBed.Entra(),
        "okta" => GatewayJwtTestBed.Okta(),
        _ => GatewayJwtTestBed.Auth0(),
    };

    private static async Task<Verdict> Send(string provider, string token, GatewayRelease release = GatewayRelease.V124)
    {
        var extra = Provider(provider).Select(kv => (kv.Key, kv.Value)).ToArray();
        return await Answer(Test(V124Scopes(), release, extra), Request(token, Url, ToolsList));
    }

    public static TheoryData<string> Providers => new() { "keycloak", "cognito", "entra", "okta", "auth0" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Expired_TokenHasExpired(string provider)
    {
        var verdict = await Send(provider, RsaToken(new { iss = "https://idp.example", aud = "x", exp = In(-60) }));
        Assert.Equal((401, "Token validation failed: Token has expired"), (verdict.Status, verdict.Detail));
        Assert.Equal("{\"detail\":\"Token validation failed: Token has expired\"}", verdict.Body);
        Assert.Equal("Token validation failed", (await Send(provider, RsaToken(new { iss = "https://idp.example", aud = "x", exp = In(-60) }), GatewayRelease.Latest)).Detail);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadSignature_InvalidTokenSignatureVerificationFailed(string provider)
    {
        var verdict = await Send(provider, RsaToken(new { iss = "https://idp.example", aud = "x", exp = In(300) }, rsa: OtherRsa));
        Assert.Equal("Token validation failed: Invalid token: Signature verification failed", verdict.Detail);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnknownKid_NoMatchingKeyFound(string provider)
    {
        var verdict = await Send(provider, RsaToken(new { exp = In(300) }, kid: "rotated-key-7"));
        Assert.Equal("Token validation failed: Token validation failed: No matching key found for kid: rotated-key-7", verdict.Detail);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MissingKid_TokenMissingKidInHeader(string provider)
    {
        var verdict = await Send(provider, RsaToken(new { exp = In(300) }, kid: null));
        Assert.Equal("Token validation failed: Token validation failed: Token missing 'kid' in header", verdict.Detail);
    }

    [Theory]
    [InlineData("keycloak", "https://kc.example.com/realms/other", "mcp-gateway", "Token validation failed: Invalid token: Invalid issuer")]
    [InlineData("keycloak", "https://kc.example.com/realms/mcp-gateway", "account", "Token validation failed: Invalid token: Audience doesn't match")]
    [InlineData("okta", "https://acme.okta.com/oauth2/other", "okta-web", "Token validation failed: Invalid token: Invalid issuer")]
    [InlineData("okta", "https://acme.okta.com/oauth2/default", "someone-else", "Token validation failed: Invalid token: Audience doesn't match")]
    [InlineData("auth0", "https://acme.us.auth0.com/", "someone-else", "Token validation failed: Invalid token: Audience doesn't match")]
    [InlineData("auth0", "https://other.us.auth0.com/", "auth0-web", "Token validation failed: Invalid token: Invalid issuer")]
    public async Task WrongIssuerOrAudience_PyJwtsMessage(string provider, string issuer, string audience, string detail)
    {
        var verdict = await Send(provider, RsaToken(new { iss = issuer, aud = audience, exp = In(300) }));
        Assert.Equal((401, detail), (verdict.Status, verdict.Detail));
    }

    [Fact]
    public async Task Keycloak_MissingAudience_TokenIsMissingTheAudClaim()
    {
        var verdict = await Send("keycloak", RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", exp = In(300) }));
        Assert.Equal("Token validation failed: Invalid token: Token is missing the \"aud\" claim", verdict.Detail);
    }

    [Fact]
    public async Task Entra_WrongIssuer_IsNotReproducedAndSaysSo()
    {
        // Entra compares the issuer itself, with a message naming its list of issuers: left out rather than guessed.
        var verdict = await Send("entra", RsaToken(new { iss = "https://login.microsoftonline.com/other/v2.0", aud = "11111111-2222-3333-4444-555555555555", exp = In(300) }));
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.Contains(verdict.Warnings, w => w.Contains("Release 1.24 appends the provider's error message"));
    }
}
