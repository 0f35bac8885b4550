using McpRegistryAuth.Core.Gateway;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Reference sections 2.2, 2.3, 2.5, 2.6 and 11: the static-token block of /validate.</summary>
public class StaticTokenRequestTests
{
    [Theory]
    [InlineData("https://gw.example/api/servers")]
    [InlineData("https://gw.example/api/")]
    [InlineData("https://gw.example/v0.1/servers")]
    [InlineData("https://gw.example/api/servers?limit=5")]
    public void PathMatch_RegistryApiPrefixesAccept(string url)
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer(url, LegacyToken));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("StaticToken:legacy", verdict.AcceptedBy);
    }

    [Fact]
    public void PathMatch_IsCaseSensitive()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/API/servers", LegacyToken));
        Assert.NotEqual(200, verdict.Status);
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.PathMatch").Passed);
    }

    [Fact]
    public void PathMatch_ApiWithoutTrailingSlashIsNotProtectedButHasValidatesAnswer()
    {
        // nginx serves /api from the catch-all location; /validate, asked with this URL, would not take the
        // static token (the prefix is /api/) and the JWT stage fails it.
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/api", LegacyToken));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.Null(verdict.ClientStatus);
        Assert.False(CheckNamed(verdict, "Gateway.Nginx.AuthRequest").Passed);
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.PathMatch").Passed);
        Assert.Contains(verdict.Hints, h => h.Contains("no trailing slash"));
    }

    [Fact]
    public void PathMatch_QueryStringIsIgnored()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/currenttime/mcp?x=/api/", LegacyToken));
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.PathMatch").Passed);
    }

    [Fact]
    public void PathMatch_RootPathIsRequiredAsPrefix()
    {
        var config = EnabledLegacy(("REGISTRY_ROOT_PATH", "/registry"));
        Assert.Equal(200, Evaluate(config, Bearer("https://gw.example/registry/api/servers", LegacyToken)).Status);
        var request = Bearer("https://gw.example/api/servers", LegacyToken);
        var stage = StaticTokenRule.Evaluate(request, config, GatewayCredential.Select(request, isAgentPath: false));
        Assert.False(stage.Accepted);
        Assert.False(stage.Checks.Single(c => c.Name == "Gateway.StaticToken.PathMatch").Passed);

        // nginx's locations carry the same root, so without it the request meets the catch-all location.
        Assert.False(CheckNamed(Evaluate(config, request), "Gateway.Nginx.AuthRequest").Passed);
    }

    [Fact]
    public void PathMatch_MissingOriginalUrlMeansNoStaticAuth()
    {
        var verdict = Evaluate(EnabledLegacy(), Request(null, ("Authorization", "Bearer " + LegacyToken)));
        Assert.False(CheckNamed(verdict, "Gateway.Request.OriginalUrl").Passed);
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.PathMatch").Passed);
        Assert.Equal(FallThroughTarget.Jwt, verdict.FallsThroughTo);
    }

    [Theory]
    [InlineData("mcp_gateway_session=abc")]
    [InlineData("theme=dark; mcp_gateway_session=stale")]
    [InlineData("xmcp_gateway_session=1")]
    public void SessionCookie_AnySubstringMatchTurnsStaticTokensOff(string cookie)
    {
        var request = Request("https://gw.example/api/servers", ("Authorization", "Bearer " + LegacyToken), ("Cookie", cookie));
        var verdict = Evaluate(EnabledLegacy(), request);
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.NoSessionCookie").Passed);
        Assert.Equal(FallThroughTarget.Session, verdict.FallsThroughTo);
        Assert.True(verdict.IsProvisional);
        Assert.Equal(401, verdict.Status);
    }

    [Fact]
    public void SessionCookie_OtherCookiesDoNotMatter()
    {
        var request = Request("https://gw.example/api/servers", ("Authorization", "Bearer " + LegacyToken), ("Cookie", "mcp_gateway_sessionX=1"));
        Assert.Equal(200, Evaluate(EnabledLegacy(), request).Status);
    }

    [Fact]
    public void Header_XAuthorizationBeatsAuthorization()
    {
        var wrongInX = Request("https://gw.example/api/servers", ("Authorization", "Bearer " + LegacyToken), ("X-Authorization", "Bearer wrong"));
        var verdict = Evaluate(EnabledLegacy(), wrongInX);
        Assert.NotEqual(200, verdict.Status);
        Assert.Contains("X-Authorization", CheckNamed(verdict, "Gateway.Credential.Header").Observed);

        var rightInX = Request("https://gw.example/api/servers", ("Authorization", "Bearer wrong"), ("X-Authorization", "Bearer " + LegacyToken));
        Assert.Equal(200, Evaluate(EnabledLegacy(), rightInX).Status);
    }

    [Fact]
    public void Header_EmptyXAuthorizationFallsBackToAuthorization()
    {
        var request = Request("https://gw.example/api/servers", ("Authorization", "Bearer " + LegacyToken), ("X-Authorization", ""));
        Assert.Equal(200, Evaluate(EnabledLegacy(), request).Status);
    }

    [Theory]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer\t")]
    [InlineData("Token ")]
    public void Bearer_PrefixIsCaseSensitiveWithExactlyOneSpace(string prefix)
    {
        var verdict = Evaluate(EnabledLegacy(), Request("https://gw.example/api/servers", ("Authorization", prefix + LegacyToken)));
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.BearerScheme").Passed);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Missing or invalid Authorization header. Expected: Bearer <token> or valid session cookie", verdict.Detail);
        Assert.Equal("Bearer", verdict.WwwAuthenticate);
    }

    [Theory]
    [InlineData("Bearer  {0}")]
    [InlineData("Bearer {0}  ")]
    [InlineData("Bearer {0}\n")]
    public void Token_IsStrippedSoOuterWhiteSpaceIsTolerated(string header)
    {
        var verdict = Evaluate(EnabledLegacy(), Request("https://gw.example/api/servers", ("Authorization", string.Format(header, LegacyToken))));
        Assert.Equal(200, verdict.Status);
        Assert.Contains("removed", CheckNamed(verdict, "Gateway.StaticToken.Strip").Observed);
    }

    [Fact]
    public void Token_ComparisonIsExactAndCaseSensitive()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/api/servers", LegacyToken.ToUpperInvariant()));
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.Match").Passed);
    }

    [Fact]
    public void Match_ApiKeysComeBeforeLegacyInMapOrder()
    {
        // The same value as legacy and as a key: the key entry is compared first and wins.
        var keys = $"{{\"ops\":{{\"key\":\"{LegacyToken}\",\"groups\":[\"ops\"]}}}}";
        var verdict = Evaluate(EnabledLegacy(("REGISTRY_API_KEYS", keys)), Bearer("https://gw.example/api/servers", LegacyToken));
        Assert.Equal("StaticToken:ops", verdict.AcceptedBy);
    }

    [Fact]
    public void Mismatch_FallsThroughToJwtAndEndsAs401TokenValidationFailed()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/api/servers", "not-the-token-0123456789012345678901"));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Token validation failed", verdict.Detail);
        Assert.Equal("{\"detail\":\"Token validation failed\"}", verdict.Body);
        Assert.Equal(FallThroughTarget.Jwt, verdict.FallsThroughTo);
        Assert.True(verdict.IsProvisional);
        Assert.Equal("Gateway.StaticToken.Match", verdict.FailedCheck!.Name);
    }

    [Fact]
    public void NoCredential_Is401MissingOrInvalidAuthorizationHeader()
    {
        var verdict = Evaluate(EnabledLegacy(), Request("https://gw.example/v0.1/servers"));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("{\"detail\":\"Missing or invalid Authorization header. Expected: Bearer <token> or valid session cookie\"}", verdict.Body);
        Assert.False(verdict.IsProvisional);
    }

    [Fact]
    public void Identity_LegacyTokenIsNetworkUserWithAdminGroupAndFixedScopes()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/api/servers", LegacyToken));
        Assert.True(verdict.Accepted);
        Assert.Equal("network-user", verdict.Identity);
        Assert.Equal("network-trusted", verdict.ClientId);
        Assert.Equal("network-trusted", verdict.AuthMethod);
        Assert.Equal(["mcp-registry-admin"], verdict.Groups);
        Assert.Equal(["mcp-registry-admin", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"], verdict.Scopes);
        Assert.Contains("\"server_name\":null", verdict.Body);
        Assert.Contains(verdict.Hints, h => h.Contains("mcp_scopes"));
    }

    [Fact]
    public void Identity_ApiKeyEntryIsItsNameWithItsGroupsAndScopesNotEvaluated()
    {
        var keys = $"{{\"ci-bot\":{{\"key\":\"{CiKey}\",\"groups\":[\"registry-users-lob1\"]}}}}";
        var verdict = Evaluate(EnabledLegacy(("REGISTRY_API_KEYS", keys)), Bearer("https://gw.example/api/servers", CiKey));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("ci-bot", verdict.Identity);
        Assert.Equal("ci-bot", verdict.ClientId);
        Assert.Equal(["registry-users-lob1"], verdict.Groups);
        Assert.Null(verdict.Scopes);
        Assert.Contains(verdict.Checks, c => c.Name == "Gateway.Scopes" && c.Observed!.StartsWith("not evaluated"));
    }

    [Fact]
    public void McpServerPath_StaticTokenIsNeverApplied()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/currenttime/mcp", LegacyToken));
        Assert.Equal(401, verdict.Status);
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.PathMatch").Passed);
        Assert.Equal(401, verdict.ClientStatus);
        Assert.Equal("{\"error\": \"Authentication required\"}", verdict.ClientBody);
    }

    [Fact]
    public void Client_GenericApiLocationShowsNginxDefaultHtml401()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/api/servers", "wrong-token-0123456789012345678901234"));
        Assert.Equal(401, verdict.ClientStatus);
        Assert.StartsWith("<html>\r\n<head><title>401 Authorization Required</title>", verdict.ClientBody);
    }

    [Theory]
    [InlineData("https://gw.example/api/health")]
    [InlineData("https://gw.example/api/version")]
    [InlineData("https://gw.example/api/auth/providers")]
    [InlineData("https://gw.example/api/public/x")]
    public void Client_PublicLocationsNeverCallValidate(string url)
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer(url, "whatever"));
        Assert.Equal(401, verdict.Status);
        Assert.Null(verdict.ClientStatus);
        Assert.Null(verdict.ClientBody);
        Assert.False(CheckNamed(verdict, "Gateway.Nginx.AuthRequest").Passed);
        Assert.Contains(verdict.Warnings, w => w.Contains("does not call /validate"));
    }

    [Fact]
    public void Client_AuthMeIsProtectedDespiteThePublicApiAuthPrefix()
    {
        var verdict = Evaluate(EnabledLegacy(), Request("https://gw.example/api/auth/me"));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("{\"error\": \"Authentication required\"}", verdict.ClientBody);
    }

    [Fact]
    public void Verbose_NoCheckOrHintHoldsTheTokenItself()
    {
        var request = Request("https://gw.example/api/servers", ("Authorization", "Bearer " + LegacyToken), ("Cookie", "mcp_gateway_session=cookie-secret-value"));
        var verdict = Evaluate(EnabledLegacy(), request);
        var text = string.Join("\n", verdict.Checks.Select(c => c.ToString()).Concat(verdict.Hints).Concat(verdict.Warnings)) + verdict.Body + verdict.Detail;
        Assert.DoesNotContain(LegacyToken, text);
        Assert.DoesNotContain("cookie-secret-value", text);
    }
}
