using System.Text.Json;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>Spec §1.7: role rules, RequireRole and claim gates.</summary>
public class ToolHiveAuthorizationTests
{
    private static JsonElement Claims(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static ToolHiveAuthz Authz(string rolesYaml)
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  mode: anonymous\n  authz:\n    roles:\n" + rolesYaml);
        return report.Config!.Authz!;
    }

    [Fact]
    public void Roles_AnyRuleMapMatches()
    {
        var authz = Authz("      manageEntries:\n        - groups: publishers\n        - sub: robot\n");
        Assert.Contains(ToolHiveRole.ManageEntries, RoleResolver.Resolve(authz, Claims("{\"sub\":\"robot\"}")));
    }

    [Fact]
    public void Roles_AllKeysOfOneMapMustMatch()
    {
        var authz = Authz("      manageEntries:\n        - {groups: publishers, sub: robot}\n");
        Assert.Empty(RoleResolver.Resolve(authz, Claims("{\"sub\":\"robot\"}")));
        Assert.Contains(ToolHiveRole.ManageEntries, RoleResolver.Resolve(authz, Claims("{\"sub\":\"robot\",\"groups\":[\"x\",\"publishers\"]}")));
    }

    [Fact]
    public void Roles_EmptyMapNeverMatches()
    {
        var authz = Authz("      superAdmin:\n        - {}\n");
        Assert.Empty(RoleResolver.Resolve(authz, Claims("{\"sub\":\"a\"}")));
    }

    [Fact]
    public void Roles_ListRuleValueMatchesAnyClaimValue()
    {
        var authz = Authz("      manageSources:\n        - groups: [a, b]\n");
        Assert.Contains(ToolHiveRole.ManageSources, RoleResolver.Resolve(authz, Claims("{\"groups\":[\"b\"]}")));
        Assert.Contains(ToolHiveRole.ManageSources, RoleResolver.Resolve(authz, Claims("{\"groups\":\"a\"}")));
    }

    [Fact]
    public void Roles_ComparisonIsExactAndCaseSensitive()
    {
        var authz = Authz("      manageSources:\n        - groups: Admins\n");
        Assert.Empty(RoleResolver.Resolve(authz, Claims("{\"groups\":[\"admins\"]}")));
    }

    [Fact]
    public void Roles_ScopeClaimComparedAsWholeString()
    {
        var authz = Authz("      manageEntries:\n        - scope: mcp-registry:write\n");
        Assert.Empty(RoleResolver.Resolve(authz, Claims("{\"scope\":\"openid mcp-registry:write\"}")));
        Assert.Contains(ToolHiveRole.ManageEntries, RoleResolver.Resolve(authz, Claims("{\"scope\":\"mcp-registry:write\"}")));
    }

    [Fact]
    public void Roles_NonStringRuleValueNeverMatches()
    {
        var authz = Authz("      manageEntries:\n        - email_verified: true\n");
        Assert.Empty(RoleResolver.Resolve(authz, Claims("{\"email_verified\":true}")));
    }

    [Fact]
    public void Roles_CamelCaseRuleKeyNeverMatchesAfterLowerCasing()
    {
        var authz = Authz("      manageEntries:\n        - isPublisher: \"yes\"\n");
        Assert.Empty(RoleResolver.Resolve(authz, Claims("{\"isPublisher\":\"yes\"}")));
        Assert.Contains(ToolHiveRole.ManageEntries, RoleResolver.Resolve(authz, Claims("{\"ispublisher\":\"yes\"}")));
    }

    [Fact]
    public void Roles_NestedClaimsCannotBeAddressed()
    {
        var authz = Authz("      superAdmin:\n        - realm_access.roles: admin\n");
        Assert.Empty(RoleResolver.Resolve(authz, Claims("{\"realm_access\":{\"roles\":[\"admin\"]}}")));
    }

    [Fact]
    public void Roles_SuperAdminSatisfiesEveryRole()
    {
        var authz = Authz("      superAdmin:\n        - sub: root\n");
        var roles = RoleResolver.Resolve(authz, Claims("{\"sub\":\"root\"}"));
        Assert.All(Enum.GetValues<ToolHiveRole>(), r => Assert.True(RoleResolver.HasRole(roles, r)));
    }

    [Fact]
    public void Roles_WithoutAuthzAuthenticatedCallerHoldsAll() =>
        Assert.Equal(4, RoleResolver.Resolve(null, Claims("{\"sub\":\"x\"}")).Count);

    [Fact]
    public void Roles_WithoutClaimsNoRoles()
    {
        Assert.Empty(RoleResolver.Resolve(null, null));
        Assert.Empty(RoleResolver.Resolve(Authz("      superAdmin:\n        - sub: root\n"), null));
    }

    [Fact]
    public void RequireRole_PassesWithoutAuthzOrWithoutClaims()
    {
        var authz = Authz("      superAdmin:\n        - sub: root\n");
        Assert.True(RoleResolver.RequireRole(null, Claims("{\"sub\":\"x\"}"), ToolHiveRole.ManageSources, out _));
        Assert.True(RoleResolver.RequireRole(authz, null, ToolHiveRole.ManageSources, out _));
        Assert.False(RoleResolver.RequireRole(authz, Claims("{\"sub\":\"x\"}"), ToolHiveRole.ManageSources, out _));
        Assert.Equal("{\"error\":\"forbidden: insufficient permissions\"}\n", RoleResolver.ForbiddenBody);
    }

    private static readonly IReadOnlySet<ToolHiveRole> NoRoles = new HashSet<ToolHiveRole>();

    [Fact]
    public void ClaimGate_UnlabeledResourceIsDenied() =>
        Assert.False(ClaimGate.Allows(true, Claims("{\"team\":\"a\"}"), NoRoles, null, ClaimGateAccess.Read));

    [Fact]
    public void ClaimGate_SkippedWithoutAuthzOrClaims()
    {
        Assert.True(ClaimGate.Allows(false, Claims("{}"), NoRoles, null, ClaimGateAccess.Read));
        Assert.True(ClaimGate.Allows(true, null, NoRoles, null, ClaimGateAccess.Read));
    }

    [Fact]
    public void ClaimGate_SuperAdminBypasses() =>
        Assert.True(ClaimGate.Allows(true, Claims("{}"), new HashSet<ToolHiveRole> { ToolHiveRole.SuperAdmin }, Claims("{\"team\":\"x\"}"), ClaimGateAccess.Write));

    [Fact]
    public void ClaimGate_EveryResourceKeyRequired() =>
        Assert.False(ClaimGate.Allows(true, Claims("{\"team\":\"a\"}"), NoRoles, Claims("{\"team\":\"a\",\"env\":\"prod\"}"), ClaimGateAccess.Read));

    [Fact]
    public void ClaimGate_ReadNeedsOneCommonValueWriteNeedsAll()
    {
        var caller = Claims("{\"team\":[\"a\"]}");
        var resource = Claims("{\"team\":[\"a\",\"b\"]}");
        Assert.True(ClaimGate.Allows(true, caller, NoRoles, resource, ClaimGateAccess.Read));
        Assert.False(ClaimGate.Allows(true, caller, NoRoles, resource, ClaimGateAccess.Write));
    }

    [Fact]
    public void ClaimGate_EmptyArrayNeedsOnlyTheKey()
    {
        Assert.True(ClaimGate.Allows(true, Claims("{\"team\":\"z\"}"), NoRoles, Claims("{\"team\":[]}"), ClaimGateAccess.Read));
        Assert.False(ClaimGate.Allows(true, Claims("{\"org\":\"z\"}"), NoRoles, Claims("{\"team\":[]}"), ClaimGateAccess.Read));
    }

    [Fact]
    public void ClaimGate_NonStringResourceValueFailsClosed() =>
        Assert.False(ClaimGate.Allows(true, Claims("{\"level\":3}"), NoRoles, Claims("{\"level\":3}"), ClaimGateAccess.Read));
}
