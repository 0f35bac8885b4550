using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>The /validate FGAC stage and the proxy hop on the default scopes, with the reference's examples.</summary>
public class ScopeAccessTesterTests
{
    private static readonly ScopeAccessTester Tester = new(DefaultMcpScopes());

    private static EffectiveScopes Groups(params string[] groups) => EffectiveScopeResolver.ForCaller(Tester.Definitions, groups, null);

    [Fact]
    public void Default_V01ServersIsDeniedForLob1WithTheGatewaysText()
    {
        var result = Tester.TestRequest(Groups("registry-users-lob1"), "https://gw.example.com/v0.1/servers", null, "GET");
        Assert.False(result.Allowed);
        Assert.Equal(403, result.Status);
        Assert.Equal("Access denied to v0.1/servers.initialize", result.Detail);
        Assert.Null(result.Hop);
    }

    [Fact]
    public void Default_V01ServersIsAllowedForRegistryAdmins()
    {
        var result = Tester.TestRequest(Groups("registry-admins"), "https://gw.example.com/v0.1/servers", null, "GET");
        Assert.True(result.Allowed);
        Assert.Equal("registry-admins", result.GrantedBy!.Scope);
        Assert.Equal(ScopeGrantBranch.MethodWildcard, result.GrantedBy.Branch);
    }

    [Fact]
    public void Default_UnrestrictedReadAllowsToolsCallForAnyTool_ContraryToTheGuide()
    {
        var result = Tester.Test(EffectiveScopeResolver.ForCaller(Tester.Definitions, null, ["mcp-servers-unrestricted/read"]), "fininfo", "tools/call", "delete_everything");
        Assert.True(result.Allowed);
        Assert.Equal(new ScopeGrant("mcp-servers-unrestricted/read", 0, ScopeGrantBranch.ToolWildcard, false, result.GrantedBy!.File, result.GrantedBy.Line), result.GrantedBy);
    }

    [Fact]
    public void Default_Lob1MayCallItsToolOnly()
    {
        Assert.True(Tester.Test(Groups("registry-users-lob1"), "currenttime", "tools/call", "current_time_by_timezone").Allowed);
        var other = Tester.Test(Groups("registry-users-lob1"), "currenttime", "tools/call", "set_time");
        Assert.False(other.Allowed);
        Assert.Equal("Access denied to currenttime.tools/call", other.Detail);
        Assert.False(Tester.Test(Groups("registry-users-lob1"), "fininfo", "tools/list", null).Allowed);
    }

    [Fact]
    public void Default_BodylessGetOnMcpNeedsMethodMcp()
    {
        var result = Tester.TestRequest(Groups("registry-users-lob1"), "https://gw/currenttime/mcp", null, "GET");
        Assert.False(result.Allowed);
        Assert.Equal("mcp", result.Method);
        Assert.Equal("Access denied to currenttime.mcp", result.Detail);
    }

    [Fact]
    public void NoScopes_DeniedWithTheNoScopesText()
    {
        var result = Tester.Test(EffectiveScopeResolver.ForCaller(Tester.Definitions, null, null), "currenttime", "initialize", null);
        Assert.False(result.Allowed);
        Assert.Equal("Access denied to currenttime.initialize - user has no scopes configured", result.Detail);
    }

    [Fact]
    public void UnmappedGroupsGiveNoScopes()
    {
        var result = Tester.Test(Groups("Registry-Users-LOB1"), "currenttime", "initialize", null);
        Assert.Empty(result.EffectiveScopes);
        Assert.False(result.Allowed);
    }

    [Fact]
    public void ApiPathsAreNotCheckedByFgac()
    {
        var result = Tester.TestRequest(Groups(), "https://gw/api/servers", null, "GET");
        Assert.True(result.Allowed);
        Assert.Null(result.Server);
        Assert.Contains(result.Warnings, w => w.Contains("/api/"));
    }

    [Fact]
    public void Hop_BodylessPostIsCheckedAsInitializeOnTheHop()
    {
        var definitions = Db("[{'_id':'s','server_access':[{'server':'srv','methods':['mcp']}]}]");
        var tester = new ScopeAccessTester(definitions);
        var result = tester.TestRequest(EffectiveScopeResolver.ForCaller(definitions, null, ["s"]), "/srv/mcp", null, "POST");
        Assert.True(result.Allowed);
        Assert.Equal("mcp", result.Method);
        Assert.False(result.Hop!.Allowed);
        Assert.Equal("initialize", result.Hop.Method);
        Assert.Equal("Access denied to srv.initialize", result.Hop.Detail);
        Assert.True(result.Hop.DiffersFromValidate);
    }

    [Theory]
    [InlineData(null, "GET")]
    [InlineData("", "GET")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\",\"id\":1}", "POST")]
    public void Request_MethodDefaultsToPostOnlyWithABody(string? body, string expected) =>
        Assert.Equal(expected, ScopeAccessTester.DefaultHttpMethod(body));

    [Fact]
    public void Quiet_HopDenialDeniesEndToEnd()
    {
        var definitions = Db("[{'_id':'s','server_access':[{'server':'srv','methods':['mcp']}]}]");
        var result = new ScopeAccessTester(definitions).TestRequest(EffectiveScopeResolver.ForCaller(definitions, null, ["s"]), "/srv/mcp", null, "POST");
        Assert.True(result.Allowed);
        Assert.False(ScopeAccessTester.AllowsEndToEnd(result));
    }

    [Fact]
    public void Quiet_NoHopFollowsValidate()
    {
        var allowed = Tester.TestRequest(Groups("registry-admins"), "https://gw.example.com/v0.1/servers", null, "GET");
        var denied = Tester.TestRequest(Groups("registry-users-lob1"), "https://gw.example.com/v0.1/servers", null, "GET");
        Assert.Null(allowed.Hop);
        Assert.Null(denied.Hop);
        Assert.True(ScopeAccessTester.AllowsEndToEnd(allowed));
        Assert.False(ScopeAccessTester.AllowsEndToEnd(denied));
    }

    [Fact]
    public void Hop_BatchPassesValidateAsMcpButTheHopRefusesIt()
    {
        var definitions = Db("[{'_id':'s','server_access':[{'server':'srv','methods':['mcp']}]}]");
        var tester = new ScopeAccessTester(definitions);
        var result = tester.TestRequest(EffectiveScopeResolver.ForCaller(definitions, null, ["s"]), "/srv/mcp", "[{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}]", "POST");
        Assert.True(result.Allowed);
        Assert.Equal(403, result.Hop!.Status);
        Assert.Equal("Request body could not be authorized", result.Hop.Detail);
    }

    [Fact]
    public void Hop_SameDecisionForAnOrdinaryToolsCall()
    {
        var result = Tester.TestRequest(Groups("registry-users-lob1"), "https://gw/currenttime/mcp", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"current_time_by_timezone\"}}");
        Assert.True(result.Allowed);
        Assert.True(result.Hop!.Allowed);
        Assert.False(result.Hop.DiffersFromValidate);
    }

    [Fact]
    public void ToolIgnoredForMethodsOtherThanToolsCall()
    {
        var result = Tester.Test(Groups("registry-users-lob1"), "currenttime", "tools/list", "whatever");
        Assert.True(result.Allowed);
        Assert.Null(result.Tool);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Checks_ExplainEachScopeExamined()
    {
        var result = Tester.Test(Groups("registry-users-lob1", "federation-service"), "fininfo", "tools/list", null);
        Assert.Contains(result.Checks, c => c.Name == "Gateway.Scopes.GroupMapping" && c.Observed!.Contains("'registry-users-lob1'"));
        Assert.Equal(2, result.Checks.Count(c => c.Name == "Gateway.Fgac.Scope"));
        Assert.False(result.Checks[^1].Passed);
        Assert.Equal("Gateway.Fgac.Decision", result.Checks[^1].Name);
    }
}
