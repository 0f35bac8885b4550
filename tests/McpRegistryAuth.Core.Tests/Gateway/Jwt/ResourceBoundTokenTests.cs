using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

/// <summary>Self-signed tokens minted for one resource (token_kind "resource"): /validate checks the binding after FGAC.</summary>
public class ResourceBoundTokenTests
{
    private static string Bound(string? type = "server", string? id = "/currenttime", string scope = "mcp-servers-unrestricted/read") =>
        SelfSigned(new { iss = "mcp-auth-server", aud = "mcp-registry", sub = "alice", exp = In(600), iat = In(-10), token_use = "access", token_kind = "resource", resource_type = type, resource_id = id, scope });

    [Fact]
    public async Task Resource_TokenOnItsOwnServerIsAccepted()
    {
        var verdict = await Answer(Test(V124Scopes()), Request(Bound(), "https://gw.example.com/currenttime/mcp", ToolsList));
        Assert.Equal(200, verdict.Status);
        Assert.False(verdict.IsProvisional);
        Assert.True(verdict.Checks.Single(c => c.Name == GatewayJwtCheckNames.ResourceBinding).Passed);
    }

    [Fact]
    public async Task Resource_TokenOnAnotherServerPassesFgacThenFailsTheBinding()
    {
        var verdict = await Answer(Test(V124Scopes()), Request(Bound(), "https://gw.example.com/mcpgw/mcp", ToolsList));
        Assert.True(verdict.ScopeAccess!.Allowed);
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Resource-bound token does not permit this request", verdict.Detail);
        Assert.Equal(403, verdict.ClientStatus);
        Assert.Equal(GatewayJwtCheckNames.ResourceBinding, verdict.FailedCheck!.Name);
        Assert.Contains("server 'mcpgw'", verdict.FailedCheck.Observed);
    }

    [Fact]
    public async Task Resource_FgacIsDecidedFirst()
    {
        var verdict = await Answer(Test(V124Scopes()), Request(Bound(scope: ""), "https://gw.example.com/mcpgw/mcp", ToolsList));
        Assert.Equal("Access denied to mcpgw.tools/list - user has no scopes configured", verdict.Detail);
    }

    [Theory]
    [InlineData("https://gw.example.com/api/servers", "Resource-bound token cannot be used on this endpoint")]
    [InlineData("https://gw.example.com/api/tokens/generate", "Resource-bound tokens cannot access this endpoint")]
    [InlineData("https://gw.example.com/api/auth", "Resource-bound tokens cannot access this endpoint")]
    [InlineData("https://gw.example.com/api/servers/mcpgw", "Resource-bound token does not permit this request")]
    [InlineData("https://gw.example.com/api/servers/currenttime/health", null)]
    [InlineData("https://gw.example.com/api/auth/me", null)]
    public async Task Resource_RegistryPathsAreClassifiedAsTheServerClassifiesThem(string url, string? detail)
    {
        var verdict = await Answer(Test(V124Scopes()), Request(Bound(), url));
        Assert.Equal(detail is null ? 200 : 403, verdict.Status);
        Assert.Equal(detail, verdict.Detail);
    }

    [Theory]
    [InlineData(null, "/currenttime")]
    [InlineData("server", "   ")]
    [InlineData("server", null)]
    public async Task Resource_ClaimsMustBeNonBlankStrings(string? type, string? id)
    {
        var verdict = await Answer(Test(V124Scopes()), Request(Bound(type, id), "https://gw.example.com/currenttime/mcp", ToolsList));
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Resource-bound token is missing required claims", verdict.Detail);
    }

    [Fact]
    public async Task Resource_WithoutTheRequestUrlTheBindingCannotBeChecked()
    {
        var request = Request(Bound(), "https://gw.example.com/") with { Uri = null };
        var verdict = await Answer(Test(V124Scopes()), request);
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Resource-bound token cannot be validated: request URL unavailable", verdict.Detail);
    }

    [Fact]
    public async Task Resource_VirtualServersAndRootPathAreStrippedAsTheServerDoes()
    {
        var virtualToken = Bound("virtual_server", "virtual/team-tools");
        Assert.Equal(200, (await Answer(Test(V124Scopes()), Request(virtualToken, "https://gw.example.com/virtual/team-tools/mcp", ToolsList))).Status);

        var rooted = Test(V124Scopes(), extra: ("REGISTRY_ROOT_PATH", "/registry"));
        Assert.Equal(200, (await Answer(rooted, Request(Bound(), "https://gw.example.com/registry/currenttime/mcp", ToolsList))).Status);
        Assert.Equal("Resource-bound tokens cannot access this endpoint", (await Answer(rooted, Request(Bound(), "https://gw.example.com/registry//api/admin/x"))).Detail);
    }

    [Fact]
    public async Task TokenKind_UnknownKindIsRefusedAfterFgac()
    {
        var token = SelfSigned(new { iss = "mcp-auth-server", aud = "mcp-registry", sub = "alice", exp = In(600), iat = In(-10), token_use = "access", token_kind = "robot", scope = "mcp-servers-unrestricted/read" });
        var verdict = await Answer(Test(V124Scopes()), Request(token, "https://gw.example.com/currenttime/mcp", ToolsList));
        Assert.Equal(403, verdict.Status);
        Assert.Equal(GatewayJwtTexts.UnknownTokenKind, verdict.Detail);
        Assert.True(verdict.ScopeAccess!.Allowed);
        Assert.Contains(verdict.Checks, c => c.Name == ScopeCheckNames.FgacDecision && c.Passed);
    }
}
