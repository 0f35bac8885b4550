using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Requests;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>
/// Test-RegistryToken on a proxied entity's route (-GenericProxyKind, -EntityPath, -HttpMethod): in release 1.32
/// the verdict after authentication comes from the generic proxy's rules; release 1.30 has no generic proxy.
/// </summary>
public class GenericProxyTokenTests
{
    private const string Url = "https://gw.example.com/skill/skills/pdf/tools";
    private const string CookieWrite = "State-changing requests to proxied resources require a Bearer token (cookie auth refused as a CSRF defense)";

    private static readonly ScopeDefinitions Definitions = Db("""
        [
          {'_id': 'mcp-admins', 'group_mappings': ['admins'], 'server_access': [{'server': '*', 'methods': ['all'], 'tools': ['*']}]},
          {'_id': 'pdf-readers', 'group_mappings': ['readers'], 'server_access': [{'server': 'skill/skills/pdf', 'methods': ['get', 'HEAD']}]},
          {'_id': 'proxy-writers', 'group_mappings': ['writers'], 'server_access': [{'server': 'skill/skills/pdf', 'methods': ['http:*']}]}
        ]
        """);

    private static TokenTestRequest Generic(string? token, string verb, string url = Url, params (string Name, string Value)[] headers) =>
        Request(token, url, null, headers) with { HttpMethod = verb, GenericProxyKind = "skill", EntityPath = "/skills/pdf" };

    private static Task<Verdict> V132(TokenTestRequest request, ScopeDefinitions? definitions = null, params (string Name, string Value)[] settings) =>
        Answer(Test(definitions ?? Definitions, GatewayRelease.V132, settings), request);

    [Theory]
    [InlineData("readers", "GET", 200)]
    [InlineData("readers", "head", 200)]
    [InlineData("readers", "POST", 403)]
    [InlineData("writers", "DELETE", 200)]
    [InlineData("admins", "GET", 403)]
    public async Task V132_TheVerdictIsTheGenericProxysVerbRule(string group, string verb, int status)
    {
        var verdict = await V132(Generic(Kc(group), verb));
        Assert.Equal(status, verdict.Status);
        Assert.Equal("skill/skills/pdf", verdict.ScopeAccess!.Server);
        Assert.Equal(verb.ToUpperInvariant(), verdict.ScopeAccess.Method);
        Assert.Contains(verdict.Checks, c => c.Name == ScopeCheckNames.FgacGenericProxy && c.Observed == $"X-Generic-Proxy-Kind skill: key skill/skills/pdf, HTTP verb {verb.ToUpperInvariant()}");
        if (status == 403)
        {
            Assert.Equal($"Access denied to skill/skills/pdf.{verb.ToUpperInvariant()}", verdict.Detail);
            Assert.Equal(ScopeCheckNames.FgacDecision, verdict.DecidedBy);
            Assert.Equal(403, verdict.ClientStatus);
            Assert.Contains(verdict.Hints, h => h.Contains("'http:*'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task V130_HasNoGenericProxy_TheRequestIsJudgedAsAnyOtherPath()
    {
        var verdict = await Answer(Test(Definitions, GatewayRelease.V130), Generic(Kc("admins"), "DELETE"));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("skill/skills/pdf/tools", verdict.ScopeAccess!.Server);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == ScopeCheckNames.FgacGenericProxy);
        Assert.Contains(verdict.Warnings, w => w.StartsWith("Release 1.30 has no generic proxy: 'skill/skills/pdf' was not judged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task V132_ASessionCookieWriteGetsTheCsrfRefusal_WhateverTheScopes(string verb)
    {
        var verdict = await V132(Generic(null, verb, Url, ("Cookie", "mcp_gateway_session=abc")));
        Assert.Equal(403, verdict.Status);
        Assert.Equal(CookieWrite, verdict.Detail);
        Assert.Equal("""{"detail":"State-changing requests to proxied resources require a Bearer token (cookie auth refused as a CSRF defense)"}""", verdict.Body);
        Assert.True(verdict.IsProvisional);
        Assert.Equal(ScopeCheckNames.FgacGenericCookieWrite, verdict.DecidedBy);
        Assert.Contains(verdict.Warnings, w => w.Contains("an invalid one gets 401", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Warnings, w => w.Contains("assumes the cookie is not valid", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("OPTIONS")]
    public async Task V132_ASessionCookieReadIsNotRefused_TheCookieIsNotEvaluated(string verb)
    {
        var verdict = await V132(Generic(null, verb, Url, ("Cookie", "mcp_gateway_session=abc")));
        Assert.Equal(401, verdict.Status);
        Assert.Equal(ValidateResponse.MissingBearerDetail, verdict.Detail);
    }

    [Fact]
    public async Task V132_CookieWritesAreLetThroughWhenTheSettingIsOff()
    {
        var verdict = await V132(Generic(null, "POST", Url, ("Cookie", "mcp_gateway_session=abc")), null, ("GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES", " False "));
        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public async Task V132_ABearerTokenWithACookie_IsJudgedOnTheToken_AndWarnsOfTheCookie()
    {
        var verdict = await V132(Generic(Kc("writers"), "POST", Url, ("Cookie", "theme=dark; mcp_gateway_session=abc")));
        Assert.Equal(200, verdict.Status);
        Assert.Contains(verdict.Checks, c => c.Name == ScopeCheckNames.FgacGenericCookieWrite && c.Passed && c.Observed == "bearer token");
        Assert.Contains(verdict.Warnings, w => w.Contains($"a valid session sending POST here gets 403 '{CookieWrite}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task V132_AResourceBoundTokenIsRefusedOnEveryGenericRoute(string verb)
    {
        var token = SelfSigned(new { iss = "mcp-auth-server", aud = "mcp-registry", sub = "alice", exp = In(600), iat = In(-10), token_use = "access", token_kind = "resource", resource_type = "skill", resource_id = "/skills/pdf", scope = "proxy-writers" });
        var verdict = await V132(Generic(token, verb));
        Assert.Equal(403, verdict.Status);
        Assert.Equal(GenericProxyAccess.ResourceBoundRefused, verdict.Detail);
        Assert.Equal(ScopeCheckNames.FgacGenericResourceBound, verdict.DecidedBy);
    }

    [Fact]
    public async Task V132_AUserSelfSignedTokenIsJudgedByItsScopeClaim()
    {
        var token = SelfSigned(new { iss = "mcp-auth-server", aud = "mcp-registry", sub = "alice", exp = In(600), iat = In(-10), token_use = "access", token_kind = "user", scope = "proxy-writers" });
        var verdict = await V132(Generic(token, "PUT"));
        Assert.Equal(200, verdict.Status);
        Assert.Equal(ScopeGrantBranch.HttpVerbWildcard, verdict.ScopeAccess!.GrantedBy!.Branch);
    }

    [Fact]
    public async Task V132_WithoutScopeDefinitions_ThePreFgacRefusalsStillApply_AndA200IsProvisional()
    {
        var test = new Func<TokenTestRequest, Task<Verdict>>(r => Answer(Test(null, GatewayRelease.V132), r));
        var verdict = await test(Generic(Kc("readers"), "GET"));
        Assert.Equal(200, verdict.Status);
        Assert.True(verdict.IsProvisional);
        Assert.Contains(verdict.Checks, c => c.Name == ScopeCheckNames.FgacNotEvaluated && c.Expected == "FGAC for key 'skill/skills/pdf', HTTP verb GET");
    }

    [Theory]
    [InlineData("skill", null)]
    [InlineData(null, "skills/pdf")]
    public void V132_TheEntityTypeAndTheRegisteredPathAreAskedForTogether(string? kind, string? path)
    {
        var request = Request(Kc("readers"), Url) with { HttpMethod = "GET", GenericProxyKind = kind, EntityPath = path };
        var test = Test(Definitions, GatewayRelease.V132);
        var error = Assert.Throws<CommandFailureException>(() => { _ = test.EvaluateAsync(request); });
        Assert.Equal(GenericProxyTargets.IncompleteErrorId, error.ErrorId);
        Assert.Contains("-GenericProxyKind skill -EntityPath skills/pdf", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientsOwnMarkerHeaderHasNoEffect_NginxReplacesIt()
    {
        var verdict = await V132(Request(Kc("admins"), "https://gw.example.com/currenttime/mcp", ToolsList, ("X-Generic-Proxy-Kind", "skill")));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("currenttime", verdict.ScopeAccess!.Server);
        Assert.Contains(verdict.Warnings, w => w.StartsWith("nginx sets X-Generic-Proxy-Kind and X-Entity-Path", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANonProxyRequest_WithAnExplicitMethod_IsJudgedAsBefore()
    {
        var withMethod = await V132(Request(Kc("admins"), "https://gw.example.com/currenttime/mcp", ToolsList) with { HttpMethod = "post" });
        var without = await V132(Request(Kc("admins"), "https://gw.example.com/currenttime/mcp", ToolsList));
        Assert.Equal(without.Status, withMethod.Status);
        Assert.Equal(without.Checks.Select(c => c.Name), withMethod.Checks.Select(c => c.Name));
        Assert.DoesNotContain(withMethod.Checks, c => c.Name.StartsWith(ScopeCheckNames.FgacGenericProxy, StringComparison.Ordinal));
    }
}
