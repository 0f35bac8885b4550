using Xunit;
using System.Text;
using McpRegistryAuth.Core.Tokens;
using Microsoft.IdentityModel.Tokens;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Tokens;

public class KeySetAndSignatureTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static JwtParts Parts(string token) => GoJwtParse.Of(token).Parts!;

    private static KeySet DefaultSet() => KeySet.Parse(DefaultJwks(), "test", At, out _)!;

    [Fact]
    public void KeySet_ListsKidsInDocumentOrder() => Assert.Equal(new[] { "rsa-1", "ec-1" }, DefaultSet().KeyIds);

    [Fact]
    public void KeySet_KidLookupIsExactAndCaseSensitive()
    {
        var set = DefaultSet();
        Assert.NotNull(set.FindByKeyId("rsa-1"));
        Assert.Null(set.FindByKeyId("RSA-1"));
        Assert.Null(set.FindByKeyId("rsa-1 "));
    }

    [Theory]
    [InlineData("[]", "JSON object")]
    [InlineData("{}", "no \"keys\" array")]
    [InlineData("{\"keys\":{}}", "no \"keys\" array")]
    [InlineData("{\"keys\":[1]}", "keys[0] is not a JSON object")]
    [InlineData("{\"keys\":", "not valid JSON")]
    public void KeySet_BadShapeIsNamed(string json, string expected)
    {
        Assert.Null(KeySet.Parse(json, "jwks.json", At, out var error));
        Assert.Contains(expected, error);
        Assert.StartsWith("jwks.json", error);
    }

    [Fact]
    public void Signature_Rs256VerifiesWithItsKey()
    {
        var parts = Parts(RsaToken(new { sub = "a" }));
        Assert.True(JwsSignature.Verify(parts, DefaultSet().FindByKeyId("rsa-1")!, "RS256").Valid);
    }

    [Fact]
    public void Signature_Rs256FailsWithAnotherRsaKey()
    {
        var parts = Parts(RsaToken(new { sub = "a" }, rsa: OtherRsa));
        var outcome = JwsSignature.Verify(parts, DefaultSet().FindByKeyId("rsa-1")!, "RS256");
        Assert.False(outcome.Valid);
        Assert.Contains("does not verify", outcome.Problem);
    }

    [Fact]
    public void Signature_Es256VerifiesWithEcKey()
    {
        var parts = Parts(Sign(new { alg = "ES256", kid = "ec-1" }, new { sub = "a" }, ec: Ec));
        Assert.True(JwsSignature.Verify(parts, DefaultSet().FindByKeyId("ec-1")!, "ES256").Valid);
    }

    [Fact]
    public void Signature_Es256WithRsaKeyIsInvalidKeyType()
    {
        var parts = Parts(Sign(new { alg = "ES256", kid = "rsa-1" }, new { sub = "a" }, ec: Ec));
        var outcome = JwsSignature.Verify(parts, DefaultSet().FindByKeyId("rsa-1")!, "ES256");
        Assert.False(outcome.Valid);
        Assert.Contains("invalid type", outcome.Problem);
    }

    [Fact]
    public void Signature_TamperedPayloadFails()
    {
        var token = RsaToken(new { sub = "alice" });
        var pieces = token.Split('.');
        var tampered = pieces[0] + "." + B64("{\"sub\":\"admin\"}") + "." + pieces[2];
        Assert.False(JwsSignature.Verify(Parts(tampered), DefaultSet().FindByKeyId("rsa-1")!, "RS256").Valid);
    }

    [Fact]
    public void Signature_Hs256VerifiesWithSymmetricKey()
    {
        var secret = Encoding.UTF8.GetBytes(new string('k', 40));
        var parts = Parts(Sign(new { alg = "HS256" }, new { sub = "a" }, hmacKey: secret));
        Assert.True(JwsSignature.Verify(parts, new SymmetricSecurityKey(secret), "HS256").Valid);
        Assert.False(JwsSignature.Verify(parts, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('j', 40))), "HS256").Valid);
    }

    [Fact]
    public void DiscoveryUrl_ToolHiveRemovesExactlyOneTrailingSlash()
    {
        Assert.Equal("https://idp/.well-known/openid-configuration", DiscoveryDocument.ToolHiveUrlFor("https://idp/"));
        Assert.Equal("https://idp//.well-known/openid-configuration", DiscoveryDocument.ToolHiveUrlFor("https://idp//"));
        Assert.Equal("https://kc/realms/acme/.well-known/openid-configuration", DiscoveryDocument.ToolHiveUrlFor("https://kc/realms/acme"));
    }

    [Fact]
    public void Discovery_MissingJwksUriIsTheServersError()
    {
        Assert.Null(DiscoveryDocument.Parse("{\"issuer\":\"x\"}", "d", out var error));
        Assert.Equal("OIDC configuration missing jwks_uri", error);
    }
}
