using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>
/// Status is /validate's answer to the URL as nginx forwards it (the raw $request_uri in X-Original-URL), whatever
/// location serves it; ClientStatus is what the client finally sees.
/// </summary>
public class ValidateUrlTests
{
    [Fact]
    public async Task Url_ApiWithoutSlashGetsValidatesAnswerAndNoClientStatus()
    {
        var verdict = await AnswerUnderV124Scopes(["registry-users-lob1"], "https://gw.example.com/api");
        Assert.Equal(200, verdict.Status);
        Assert.Null(verdict.ClientStatus);
        Assert.Null(verdict.ScopeAccess);
        Assert.False(CheckNamed(verdict, GatewayCheckNames.NginxAuthRequest).Passed);
        Assert.Contains(verdict.Warnings, w => w.Contains("does not call /validate"));
        Assert.Contains(verdict.Hints, h => h.Contains("no trailing slash"));
    }

    // Under REGISTRY_ROOT_PATH=/registry the prefix is removed before FGAC. A request outside it is served by
    // nginx's catch-all, which asks no /validate and captures no body; /validate, asked with that URL, keeps
    // the path as it is and takes the method from the transport segment.
    [Theory]
    [InlineData("https://gw.example.com/registry/currenttime/mcp", "Access denied to currenttime.tools/list", 403, true)]
    [InlineData("https://gw.example.com/currenttime/mcp", "Access denied to currenttime.mcp", null, false)]
    public async Task Url_RootPathIsRemovedBeforeFgacAndEveryUrlHasValidatesAnswer(string url, string detail, int? clientStatus, bool nginxAsks)
    {
        var test = Test(V124Scopes(), extra: ("REGISTRY_ROOT_PATH", "/registry"));
        var verdict = await Answer(test, Request(Kc("registry-users-lob2"), url, ToolsList));
        Assert.Equal(403, verdict.Status);
        Assert.Equal(detail, verdict.Detail);
        Assert.Equal(clientStatus, verdict.ClientStatus);
        Assert.Equal(nginxAsks, CheckNamed(verdict, GatewayCheckNames.NginxAuthRequest).Passed);
        Assert.Equal(nginxAsks, verdict.Checks.Any(c => c.Name == ScopeCheckNames.FgacRootPath));
    }

    [Theory]
    [InlineData("https://gw.example.com/api/../currenttime/mcp")]
    [InlineData("https://gw.example.com/api/%2e%2e/currenttime/mcp")]
    public async Task Url_DotSegmentsAreStaticTokenPathsToTheAuthServer(string url)
    {
        var verdict = await Answer(Test(), Request(LegacyToken, url));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("StaticToken:legacy", verdict.AcceptedBy);
        Assert.True(CheckNamed(verdict, "Gateway.StaticToken.PathMatch").Passed);
        var nginx = CheckNamed(verdict, GatewayCheckNames.NginxAuthRequest);
        Assert.Contains("an MCP server block /currenttime/", nginx.Observed);
        Assert.Contains("nginx matches '/currenttime/mcp'", nginx.Observed);
    }

    [Fact]
    public async Task Url_AnEncodedLetterIsNotTheApiPrefixToTheAuthServer()
    {
        // nginx decodes /%61pi/servers to /api/servers (its /api/ location); the auth server's prefix test reads
        // the raw path, so the static token is not considered and FGAC takes '%61pi/servers' as the server.
        var staticToken = await Answer(Test(), Request(LegacyToken, "https://gw.example.com/%61pi/servers"));
        Assert.Equal(401, staticToken.Status);
        Assert.Equal("Token validation failed", staticToken.Detail);
        Assert.False(CheckNamed(staticToken, "Gateway.StaticToken.PathMatch").Passed);
        Assert.Equal(401, staticToken.ClientStatus);
        Assert.Equal(NginxLocation.DefaultUnauthorizedHtml, staticToken.ClientBody);

        var jwt = await AnswerUnderV124Scopes(["registry-users-lob1"], "https://gw.example.com/%61pi/servers");
        Assert.Equal(403, jwt.Status);
        Assert.Equal("Access denied to %61pi/servers.initialize", jwt.Detail);
    }

    [Fact]
    public async Task Url_RegistryLocationsHandValidateNoBody()
    {
        // Only MCP server blocks copy the body into X-Body: on /v0.1/ the method is "initialize" whatever is posted.
        var verdict = await AnswerUnderV124Scopes(["registry-users-lob1"], "https://gw.example.com/v0.1/servers", ToolsList);
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Access denied to v0.1/servers.initialize", verdict.Detail);
        Assert.Equal(401, (await Answer(Test(), Request("not-a-jwt", "https://gw.example.com/v0.1/servers"))).ClientStatus);
    }

    [Theory]
    [InlineData("/api/../currenttime/mcp", "/currenttime/mcp")]
    [InlineData("/api/%2e%2e/currenttime/mcp", "/currenttime/mcp")]
    [InlineData("/%61pi/servers", "/api/servers")]
    [InlineData("//api///servers/", "/api/servers/")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/../x", "/x")]
    public void Nginx_MatchesLocationsOnTheNormalizedUri(string raw, string normalized) =>
        Assert.Equal(normalized, NginxLocation.NormalizedUri(raw));
}
