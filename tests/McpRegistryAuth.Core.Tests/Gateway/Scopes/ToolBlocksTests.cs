using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Per-tool blocks (release 1.31, modelled as V132) override admin, wildcard and listed grants; 1.30 has none.</summary>
public class ToolBlocksTests
{
    private static readonly ScopeAccessTester Tester = new(DefaultMcpScopes());

    private static EffectiveScopes Groups(params string[] groups) => EffectiveScopeResolver.ForCaller(Tester.Definitions, groups, null);

    [Theory]
    [InlineData("mcp-registry-admin")]
    [InlineData("registry-admins")]
    public void V132_ABlockOverridesTheAdminWildcardGrant(string group)
    {
        var granted = Tester.Test(Groups(group), "currenttime", "tools/call", "current_time_by_timezone");
        Assert.True(granted.Allowed);
        var result = ToolBlocks.Apply(granted, ["current_time_by_timezone"], GatewayRelease.V132);
        Assert.False(result.Allowed);
        Assert.Equal("current_time_by_timezone", result.BlockedTool);
        Assert.Equal(granted.GrantedBy, result.GrantedBy);
        var check = Assert.Single(result.Checks, c => c.Name == ScopeCheckNames.FgacToolBlocked);
        Assert.False(check.Passed);
        Assert.Contains("is blocked, overriding the grant by", check.Observed, StringComparison.Ordinal);
        Assert.False(ScopeAccessTester.AllowsEndToEnd(result));
    }

    [Fact]
    public void V132_ABlockOverridesAListedTool_AndOtherToolsStayGranted()
    {
        var scopes = Groups("registry-users-lob1");
        Assert.False(ToolBlocks.Apply(Tester.Test(scopes, "currenttime", "tools/call", "current_time_by_timezone"), ["current_time_by_timezone"], GatewayRelease.V132).Allowed);
        var other = ToolBlocks.Apply(Tester.Test(scopes, "currenttime", "tools/call", "current_time_by_timezone"), ["set_time"], GatewayRelease.V132);
        Assert.True(other.Allowed);
        Assert.Null(other.BlockedTool);
        Assert.Contains(other.Checks, c => c.Name == ScopeCheckNames.FgacToolBlocked && c.Passed);
    }

    [Fact]
    public void V132_BlockedNamesCompareExactly()
    {
        var granted = Tester.Test(Groups("registry-admins"), "currenttime", "tools/call", "current_time_by_timezone");
        Assert.True(ToolBlocks.Apply(granted, ["Current_Time_By_Timezone"], GatewayRelease.V132).Allowed);
    }

    [Fact]
    public void V132_ADeniedCallStaysDeniedWithTheGatewaysText()
    {
        var denied = Tester.Test(Groups("registry-users-lob1"), "currenttime", "tools/call", "set_time");
        var result = ToolBlocks.Apply(denied, ["set_time"], GatewayRelease.V132);
        Assert.False(result.Allowed);
        Assert.Equal("Access denied to currenttime.tools/call", result.Detail);
    }

    [Fact]
    public void V132_ToolsListWarnsThatBlockedToolsAreHidden()
    {
        var result = ToolBlocks.Apply(Tester.Test(Groups("registry-admins"), "currenttime", "tools/list", null), ["set_time"], GatewayRelease.V132);
        Assert.True(result.Allowed);
        Assert.Contains(result.Warnings, w => w.Contains("tools/list hides the blocked tool(s) 'set_time'", StringComparison.Ordinal));
    }

    [Fact]
    public void V130_HasNoPerToolBlocks()
    {
        var granted = Tester.Test(Groups("registry-admins"), "currenttime", "tools/call", "current_time_by_timezone");
        var result = ToolBlocks.Apply(granted, ["current_time_by_timezone"], GatewayRelease.V130);
        Assert.True(result.Allowed);
        Assert.Contains(result.Warnings, w => w.Contains("Release 1.30 has no per-tool blocks", StringComparison.Ordinal));
    }

    [Fact]
    public void V132_ARequestBodyNamingABlockedToolIsBlocked()
    {
        const string body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"current_time_by_timezone"}}""";
        var result = ToolBlocks.Apply(Tester.TestRequest(Groups("registry-admins"), "https://gw.example/currenttime/mcp", body), ["current_time_by_timezone"], GatewayRelease.V132);
        Assert.False(result.Allowed);
        Assert.Equal(200, result.Status);
        Assert.Equal("current_time_by_timezone", result.BlockedTool);
    }
}
