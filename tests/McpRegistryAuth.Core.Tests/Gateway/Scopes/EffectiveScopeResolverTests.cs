using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Spec 5.4: which scopes a caller gets per token kind, and the group mapping order per source.</summary>
public class EffectiveScopeResolverTests
{
    private static readonly ScopeDefinitions Defaults = DefaultMcpScopes();

    [Fact]
    public void EffectiveScopes_MappedGroupsThenDirectScopesWithoutDuplicates()
    {
        var scopes = EffectiveScopeResolver.ForCaller(Defaults, ["registry-users-lob1"], ["federation-service", "registry-users-lob1"]);
        Assert.Equal(["registry-users-lob1", "federation-service"], scopes.Scopes);
    }

    [Fact]
    public void EffectiveScopes_NeitherGroupsNorScopesGivesNone()
    {
        Assert.Empty(EffectiveScopeResolver.ForCaller(Defaults, null, null).Scopes);
    }

    [Theory]
    [InlineData("keycloak")]
    [InlineData("entra")]
    [InlineData("cognito")]
    [InlineData("okta")]
    [InlineData("auth0")]
    public void EffectiveScopes_IdpTokenWithGroupsMapsGroupsAndIgnoresItsScopeClaim(string method)
    {
        var scopes = EffectiveScopeResolver.ForToken(Defaults, method, null, ["registry-users-lob1"], ["mcp-servers-unrestricted/execute"]);
        Assert.Equal(["registry-users-lob1"], scopes.Scopes);
        Assert.True(scopes.GroupsMapped);
    }

    [Fact]
    public void EffectiveScopes_SelfSignedTokenUsesItsScopeClaimNotItsGroups()
    {
        var scopes = EffectiveScopeResolver.ForToken(Defaults, "self_signed", null, ["registry-admins"], ["registry-users-lob1"]);
        Assert.Equal(["registry-users-lob1"], scopes.Scopes);
        Assert.False(scopes.GroupsMapped);
    }

    [Fact]
    public void EffectiveScopes_PingFederateDirectJwtUsesItsScopeClaim()
    {
        var scopes = EffectiveScopeResolver.ForToken(Defaults, "pingfederate", "pingfederate", ["registry-admins"], ["registry-users-lob1"]);
        Assert.Equal(["registry-users-lob1"], scopes.Scopes);
    }

    [Fact]
    public void EffectiveScopes_PingFederateWithoutScopeClaimMapsGroups()
    {
        var scopes = EffectiveScopeResolver.ForToken(Defaults, "pingfederate", "pingfederate", ["registry-users-lob1"], []);
        Assert.Equal(["registry-users-lob1"], scopes.Scopes);
    }

    [Fact]
    public void EffectiveScopes_IdpTokenWithoutGroupsUsesItsScopeClaim()
    {
        var scopes = EffectiveScopeResolver.ForToken(Defaults, "keycloak", null, [], ["registry-users-lob1"]);
        Assert.Equal(["registry-users-lob1"], scopes.Scopes);
    }

    [Fact]
    public void EffectiveScopes_SessionCookieMapsTheSessionGroups()
    {
        Assert.Equal(["registry-users-lob1"], EffectiveScopeResolver.ForToken(Defaults, "session_cookie", null, ["registry-users-lob1"], []).Scopes);
    }

    [Fact]
    public void ScopesYaml_GroupMappingOrderIsGroupOrderThenListOrder()
    {
        var definitions = ScopesYamlLoader.FromText("group_mappings:\n  g1: [b, a]\n  g2: [c, a]\na: []\nb: []\nc: []\n");
        Assert.Equal(["c", "a", "b"], definitions.MapGroupsToScopes(["g2", "g1"]));
        Assert.Equal(["b", "a", "c"], definitions.MapGroupsToScopes(["g1", "g2"]));
    }
}
