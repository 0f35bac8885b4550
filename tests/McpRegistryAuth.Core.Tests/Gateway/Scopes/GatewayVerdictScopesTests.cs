using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Test-RegistryToken -ScopesPath: gateway verdicts carry the effective scopes instead of "not evaluated".</summary>
public class GatewayVerdictScopesTests
{
    [Fact]
    public void StaticKey_ScopesAreTheKeysGroupsMappedAtStartup()
    {
        var keys = $"{{\"ci-bot\":{{\"key\":\"{CiKey}\",\"groups\":[\"registry-users-lob1\"]}}}}";
        var verdict = GatewayVerdictScopes.Apply(Evaluate(EnabledLegacy(("REGISTRY_API_KEYS", keys)), Bearer("https://gw.example/api/servers", CiKey)), DefaultMcpScopes(), "/api/servers", "");
        Assert.Equal(["registry-users-lob1"], verdict.Scopes);
        var check = CheckNamed(verdict, ScopeCheckNames.Scopes);
        Assert.True(check.Passed);
        Assert.DoesNotContain("not evaluated", check.Observed);
    }

    [Fact]
    public void StaticKey_GroupsWithoutMappingGetTheGatewaysWarning()
    {
        var keys = $"{{\"ci-bot\":{{\"key\":\"{CiKey}\",\"groups\":[\"nobody\"]}}}}";
        var verdict = GatewayVerdictScopes.Apply(Evaluate(EnabledLegacy(("REGISTRY_API_KEYS", keys)), Bearer("https://gw.example/api/servers", CiKey)), DefaultMcpScopes(), "/api/servers", "");
        Assert.Empty(verdict.Scopes!);
        var check = CheckNamed(verdict, ScopeCheckNames.Scopes);
        Assert.False(check.Passed);
        Assert.Equal("The gateway logs: Static key 'ci-bot' has no scope mappings for groups ['nobody']. Requests using this key will get 403 on all protected endpoints.", check.Hint);
    }

    [Fact]
    public void LegacyToken_KeepsItsFixedScopesAndShowsTheRegistrysRemapping()
    {
        var verdict = GatewayVerdictScopes.Apply(Evaluate(EnabledLegacy(), Bearer("https://gw.example/api/servers", LegacyToken)), McpScopesLoader.FromJson("[]"), "/api/servers", "");
        Assert.Equal(["mcp-registry-admin", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"], verdict.Scopes);
        Assert.False(CheckNamed(verdict, ScopeCheckNames.RegistryGroupScopes).Passed);
    }

    [Fact]
    public void RejectedVerdictIsUnchanged()
    {
        var verdict = Evaluate(EnabledLegacy(), Bearer("https://gw.example/currenttime/mcp", "not-a-jwt"));
        Assert.Same(verdict, GatewayVerdictScopes.Apply(verdict, DefaultMcpScopes(), "/currenttime/mcp", ""));
    }
}
