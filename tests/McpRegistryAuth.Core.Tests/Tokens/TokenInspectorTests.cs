using Xunit;
using McpRegistryAuth.Core.Tokens;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Tokens;

public class TokenInspectorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Inspect_WellFormedJwtHasHeaderClaimsAndUtcTimes()
    {
        var token = RsaToken(new { iss = "https://idp.example", aud = new[] { "a", "b" }, sub = "alice", exp = Epoch(At.AddMinutes(4).AddSeconds(10)), iat = Epoch(At.AddHours(-1)), scope = "read  write", azp = "web" });
        var inspection = TokenInspector.Inspect(Secret(token), At);

        Assert.Equal(TokenKind.Jwt, inspection.Kind);
        Assert.Equal("RS256", inspection.Algorithm);
        Assert.Equal("rsa-1", inspection.KeyId);
        Assert.Equal("string", inspection.KeyIdKind);
        Assert.Equal("https://idp.example", inspection.Issuer);
        Assert.Equal(new[] { "a", "b" }, inspection.Audiences);
        Assert.Equal(new[] { "read", "write" }, inspection.Scopes);
        Assert.Equal("web", inspection.ClientId);
        Assert.Equal(At.AddMinutes(4).AddSeconds(10), inspection.ExpiresAt!.Utc);
        Assert.Equal("expires in 4m 10s", inspection.ExpiresAt.Relative);
        Assert.Equal("1h ago", inspection.IssuedAt!.Relative);
        Assert.Equal("alice", inspection.Claims["sub"]);
        Assert.Equal(3, inspection.SegmentCount);
    }

    [Fact]
    public void Inspect_ExpiredTokenSaysHowLongAgo()
    {
        var inspection = TokenInspector.Inspect(Secret(RsaToken(new { exp = Epoch(At.AddHours(-2).AddMinutes(-3)) })), At);
        Assert.Equal("expired 2h 3m ago", inspection.ExpiresAt!.Relative);
        Assert.True(inspection.ExpiresAt.SecondsFromNow < 0);
    }

    [Fact]
    public void Inspect_NonNumericExpIsReportedNotThrown()
    {
        var inspection = TokenInspector.Inspect(Secret(RsaToken(new { exp = "tomorrow" })), At);
        Assert.Null(inspection.ExpiresAt!.Utc);
        Assert.Contains("not a NumericDate", inspection.ExpiresAt.Relative);
    }

    [Theory]
    [InlineData("abc", "token contains an invalid number of segments")]
    [InlineData("a.b", "token contains an invalid number of segments")]
    [InlineData("a.b.c.d", "token contains an invalid number of segments")]
    [InlineData("e30=.e30.sig", "could not base64 decode header")]
    [InlineData("bm90IGpzb24.e30.sig", "could not JSON decode header")]
    [InlineData("e30.e30=.sig", "could not base64 decode claim")]
    [InlineData("e30.WzFd.sig", "could not JSON decode claim")]
    [InlineData("e30.e30.s=g", "could not base64 decode signature")]
    public void Inspect_MalformedByGolangJwtIsOpaqueWithItsReason(string token, string reason)
    {
        var inspection = TokenInspector.Inspect(Secret(token), At);
        Assert.Equal(TokenKind.Opaque, inspection.Kind);
        Assert.Equal(reason, inspection.OpaqueReason);
    }

    [Fact]
    public void Inspect_HeaderJsonArrayIsMalformedForBothParsers()
    {
        var inspection = TokenInspector.Inspect(Secret(B64("[1]") + "." + B64("{}") + ".c2ln"), At);
        Assert.Equal("could not JSON decode header", inspection.OpaqueReason);
        Assert.Equal("Invalid header string: must be a json object", inspection.GatewayDecodeError);
    }

    [Fact]
    public void Inspect_PaddedSegmentsAreOpaqueForToolHiveButDecodeForTheGateway()
    {
        var token = B64("{\"alg\":\"RS256\"}") + "." + B64("{\"iss\":\"x\"}") + "=.c2ln";
        var inspection = TokenInspector.Inspect(Secret(token), At);
        Assert.Equal(TokenKind.Opaque, inspection.Kind);
        Assert.Null(inspection.GatewayDecodeError);
        Assert.Equal("x", inspection.Issuer);
    }

    [Fact]
    public void Inspect_NumericKidIsShownWithItsJsonKind()
    {
        var inspection = TokenInspector.Inspect(Secret(Sign(new { alg = "RS256", kid = 7 }, new { })), At);
        Assert.Equal("7", inspection.KeyId);
        Assert.Equal("number", inspection.KeyIdKind);
    }

    [Fact]
    public void Inspect_DuplicateClaimLastOneWins()
    {
        var inspection = TokenInspector.Inspect(Secret(SignRaw("{\"alg\":\"RS256\"}", "{\"iss\":\"first\",\"iss\":\"second\"}")), At);
        Assert.Equal("second", inspection.Issuer);
    }

    [Fact]
    public void Inspect_IdTokenMarkersAreNoted()
    {
        var inspection = TokenInspector.Inspect(Secret(RsaToken(new { nonce = "n", at_hash = "h" })), At);
        Assert.True(inspection.LooksLikeIdToken);
        Assert.Contains(inspection.Notes, n => n.Contains("ID token"));
    }

    [Fact]
    public void Inspect_GraphAudienceIsNoted()
    {
        var inspection = TokenInspector.Inspect(Secret(RsaToken(new { aud = TokenInspector.GraphAudience })), At);
        Assert.Contains(inspection.Notes, n => n.Contains("Graph"));
    }

    [Fact]
    public void Inspect_EmptyTokenIsEmpty() => Assert.Equal(TokenKind.Empty, TokenInspector.Inspect(Secret("   "), At).Kind);

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(250, "4m 10s")]
    [InlineData(3600, "1h")]
    [InlineData(7380, "2h 3m")]
    [InlineData(90061, "1d 1h")]
    public void TimeClaim_FormatSpanUsesTwoLargestUnits(double seconds, string expected) =>
        Assert.Equal(expected, TimeClaim.FormatSpan(seconds));
}
