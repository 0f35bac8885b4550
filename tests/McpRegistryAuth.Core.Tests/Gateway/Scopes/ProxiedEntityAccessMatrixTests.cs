using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Reporting;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Get-ScopeAccessMatrix rows for proxied entities: each verb on each entity per group and scope, by the 1.32 rules.</summary>
public class ProxiedEntityAccessMatrixTests
{
    private static readonly ScopeDefinitions Definitions = Db("""
        [
          {'_id': 'mcp-admins', 'group_mappings': ['admins'], 'server_access': [{'server': '*', 'methods': ['all'], 'tools': ['*']}]},
          {'_id': 'pdf-readers', 'group_mappings': ['readers'], 'server_access': [{'server': 'currenttime', 'methods': ['tools/list']}, {'server': '/skill/skills/pdf/', 'methods': ['get', 'Head']}]},
          {'_id': 'proxy-writers', 'group_mappings': ['writers'], 'server_access': [{'server': '*', 'methods': ['http:*']}]},
          {'_id': 'star-only', 'group_mappings': ['stars'], 'server_access': [{'server': 'skill/skills/pdf', 'methods': ['*'], 'tools': ['*', 'POST']}]},
          {'_id': 'broken', 'group_mappings': ['broken'], 'server_access': [{'server': 'skill/skills/pdf', 'methods': ['GET', 7]}]},
          {'_id': 'unmapped', 'server_access': [{'server': 'a2a_agent/agents/travel', 'methods': ['DELETE']}]}
        ]
        """);

    private static readonly ProxiedEntity[] Entities = [ProxiedEntity.Parse("skill/skills/pdf"), ProxiedEntity.Parse("a2a_agent/agents/travel")];

    private static List<ProxiedEntityAccessRow> Rows(string[]? groups = null, string[]? verbs = null) =>
        ProxiedEntityAccessMatrix.Build(Definitions, groups, Entities, verbs).ToList();

    private static ProxiedEntityAccessRow Cell(string group, string entity, string verb) =>
        Rows([group], [verb]).Single(r => r.Entity == entity);

    [Fact]
    public void Default_FiveVerbsPerEntityPerGroupAndScope_UnmappedScopesToo()
    {
        var rows = Rows();
        Assert.Equal(6 * 2 * 5, rows.Count);
        Assert.Equal(["GET", "POST", "PUT", "PATCH", "DELETE"], rows.Take(5).Select(r => r.Verb));
        Assert.Contains(rows, r => r.Group == "" && r.Scope == "unmapped" && r.Entity == "a2a_agent/agents/travel" && r.Verb == "DELETE" && r.Granted);
    }

    [Theory]
    [InlineData("admins")]
    [InlineData("stars")]
    public void WildcardsAndTools_NeverGrantAVerb(string group)
    {
        foreach (var row in Rows([group]))
        {
            Assert.False(row.Granted);
            Assert.Null(row.By);
        }

        Assert.Contains("'*' and 'all' grant MCP methods only", Cell(group, "skill/skills/pdf", "POST").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", true)]
    [InlineData("get", true)]
    [InlineData("HEAD", true)]
    [InlineData("POST", false)]
    [InlineData("DELETE", false)]
    public void ExplicitVerbs_MatchInAnyCase_OnTheNormalisedKey(string verb, bool granted)
    {
        var row = Cell("readers", "skill/skills/pdf", verb);
        Assert.Equal(granted, row.Granted);
        Assert.Equal(verb.ToUpperInvariant(), row.Verb);
        Assert.Equal(granted ? 1 : null, row.Rule);
        Assert.Equal(granted ? verb.ToUpperInvariant() : null, row.By);
        Assert.Contains(granted ? $"HTTP verb {verb.ToUpperInvariant()} is in methods" : "is not in methods", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntityNoRuleNames_IsDeniedWithTheScopesOwnReason()
    {
        var row = Cell("readers", "a2a_agent/agents/travel", "GET");
        Assert.False(row.Granted);
        Assert.Contains("none of its 2 rule(s) names server 'a2a_agent/agents/travel'", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpWildcard_GrantsEveryVerbOnEveryEntity()
    {
        var rows = Rows(["writers"], ["GET", "PATCH", "OPTIONS"]);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.True(r.Granted));
        Assert.All(rows, r => Assert.Equal("http:*", r.By));
        Assert.All(rows, r => Assert.Equal(0, r.Rule));
    }

    [Fact]
    public void ARuleThatRaises_DeniesOnError_AndSaysSo()
    {
        var row = Cell("broken", "skill/skills/pdf", "GET");
        Assert.False(row.Granted);
        Assert.Equal("error", row.By);
        Assert.Equal(0, row.Rule);
        Assert.Contains("AttributeError", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCell_AgreesWithTestScopeAccessForTheSameScope()
    {
        foreach (var row in Rows(verbs: [.. HttpVerbMethods.Verbs]))
        {
            var entity = Entities.Single(e => e.Key == row.Entity);
            var access = GenericProxyAccess.Test(Definitions, EffectiveScopeResolver.ForCaller(Definitions, null, [row.Scope]),
                new GenericProxyRequest { EntityType = entity.EntityType, RegisteredPath = entity.RegisteredPath, HttpMethod = row.Verb });
            Assert.Equal(access.Allowed, row.Granted);
        }
    }

    [Theory]
    [InlineData(GatewayRelease.V130, "1.30")]
    [InlineData(GatewayRelease.V124, "1.24")]
    public void ReleasesBefore132_HaveNoGenericProxy_AndAreRefused(GatewayRelease release, string number)
    {
        var error = Assert.Throws<CommandFailureException>(() => ProxiedEntityAccessMatrix.Build(Definitions, null, Entities, null, release));
        Assert.Equal(ProxiedEntityAccessMatrix.NoGenericProxyErrorId, error.ErrorId);
        Assert.Equal(FailureCategory.InvalidArgument, error.Category);
        Assert.Equal($"Release {number} has no generic proxy: proxied entities and their HTTP-verb rules are new in release 1.32.", error.Message);
    }
}
