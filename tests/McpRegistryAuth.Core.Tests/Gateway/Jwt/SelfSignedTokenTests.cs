using McpRegistryAuth.Core.Gateway.Jwt;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

public class SelfSignedTokenTests
{
    private static Dictionary<string, string> EnvWithKey() => Keycloak(("SECRET_KEY", "  " + SecretKey + "\n"));

    private static object Claims(int exp = 600, int iat = -10, string aud = "mcp-registry", string tokenUse = "access", string? kind = "user") => kind is null
        ? new { iss = "mcp-auth-server", aud, sub = "alice", exp = In(exp), iat = In(iat), token_use = tokenUse, scope = "registry-read servers-write", groups = "ops" }
        : new { iss = "mcp-auth-server", aud, sub = "alice", exp = In(exp), iat = In(iat), token_use = tokenUse, token_kind = kind, scope = "registry-read servers-write", groups = "ops" };

    [Fact]
    public async Task SelfSigned_UserTokenAcceptedWithScopeClaimAsScopes()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims())), EnvWithKey());
        Assert.Equal(200, verdict.Status);
        Assert.Equal("self_signed", verdict.AuthMethod);
        Assert.Equal("SelfSigned", verdict.AcceptedBy);
        Assert.Equal("alice", verdict.Identity);
        Assert.Equal("user-generated", verdict.ClientId);
        Assert.Equal(new[] { "registry-read", "servers-write" }, verdict.Scopes);
        Assert.Equal(new[] { "ops" }, verdict.Groups); // a string groups claim is wrapped into a list
    }

    [Fact]
    public async Task SelfSigned_ExpiredWithin30SecondLeewayIsAccepted()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(exp: -29))), EnvWithKey());
        Assert.Equal(200, verdict.Status);
    }

    [Fact]
    public async Task SelfSigned_ExpiredBeyondLeewayFallsToProviderAnd401()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(exp: -31))), EnvWithKey());
        Assert.Equal(401, verdict.Status);
        Assert.Equal(GatewayJwtTexts.ValidationFailed, verdict.Detail);
        Assert.False(verdict.Checks.Single(c => c.Name == "Gateway.Jwt.SelfSigned.Expiry").Passed);
        Assert.Contains(verdict.Hints, h => h.Contains("mcp-auth-server") && h.Contains("expired"));
    }

    [Fact]
    public async Task SelfSigned_IatInFutureWithinLeewayIsAccepted()
    {
        Assert.Equal(200, (await Evaluate(Bearer(SelfSigned(Claims(iat: 25))), EnvWithKey())).Status);
        Assert.Equal(401, (await Evaluate(Bearer(SelfSigned(Claims(iat: 45))), EnvWithKey())).Status);
    }

    [Fact]
    public async Task SelfSigned_AudienceMustBeMcpRegistry()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(aud: "mcp-internal"))), EnvWithKey());
        Assert.Equal(401, verdict.Status);
        Assert.False(verdict.Checks.Single(c => c.Name == "Gateway.Jwt.SelfSigned.Audience").Passed);
    }

    [Fact]
    public async Task SelfSigned_TokenUseMustBeAccess()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(tokenUse: "id"))), EnvWithKey());
        Assert.Equal(401, verdict.Status);
        Assert.False(verdict.Checks.Single(c => c.Name == "Gateway.Jwt.SelfSigned.TokenUse").Passed);
    }

    [Fact]
    public async Task SelfSigned_WrongSecretKeyFailsSignature()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(), key: new string('z', 40))), EnvWithKey());
        Assert.Equal(401, verdict.Status);
        Assert.False(verdict.Checks.Single(c => c.Name == "Gateway.Jwt.SelfSigned.Signature").Passed);
    }

    [Fact]
    public async Task SelfSigned_MissingTokenKindIs403()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(kind: null))), EnvWithKey());
        Assert.Equal(403, verdict.Status);
        Assert.Equal(GatewayJwtTexts.MissingTokenKind, verdict.Detail);
        Assert.Equal("{\"error\": \"Access forbidden\"}", verdict.ClientBody);
    }

    [Fact]
    public async Task SelfSigned_UnknownTokenKindIs403()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(kind: "robot"))), EnvWithKey());
        Assert.Equal(403, verdict.Status);
        Assert.Equal(GatewayJwtTexts.UnknownTokenKind, verdict.Detail);
    }

    [Fact]
    public async Task SelfSigned_ResourceTokenWithoutBindingClaimsIs403()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims(kind: "resource"))), EnvWithKey());
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Resource-bound token is missing required claims", verdict.Detail);
        Assert.Equal(GatewayJwtCheckNames.ResourceClaims, Failed(verdict).Name);
        Assert.False(verdict.IsProvisional);
    }

    [Fact]
    public async Task SelfSigned_ShortSecretKeyIsAFindingAndNoStatus()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims())), Keycloak(("SECRET_KEY", "s3cr3tv4l")));
        Assert.Null(verdict.Status);
        var finding = Assert.Single(verdict.Findings);
        Assert.Equal("TOK001", finding.Code);
        Assert.DoesNotContain("s3cr3tv4l", finding.ToString());
        Assert.Contains("too short (9 characters)", finding.Message);
    }

    [Fact]
    public async Task SelfSigned_WithoutSecretKeyIsProvisionalNotEvaluated()
    {
        var verdict = await Evaluate(Bearer(SelfSigned(Claims())), Keycloak());
        Assert.Equal(401, verdict.Status);
        Assert.True(verdict.IsProvisional);
        Assert.Empty(verdict.Findings);
        Assert.Contains(verdict.Hints, h => h.Contains("SECRET_KEY"));
    }

    [Fact]
    public async Task SelfSigned_IssuerOtherThanAuthServerGoesStraightToProvider()
    {
        var token = SelfSigned(new { iss = "someone-else", aud = "mcp-registry", exp = In(600), token_use = "access", token_kind = "user" });
        var verdict = await Evaluate(Bearer(token), EnvWithKey());
        Assert.DoesNotContain(verdict.Checks, c => c.Name.StartsWith("Gateway.Jwt.SelfSigned", StringComparison.Ordinal));
        Assert.Equal(401, verdict.Status);
    }
}
