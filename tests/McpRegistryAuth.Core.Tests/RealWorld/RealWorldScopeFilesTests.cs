using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.RealWorld.RealWorldFiles;

namespace McpRegistryAuth.Core.Tests.RealWorld;

/// <summary>
/// Every scope file of ../shared/realworld/gateway as -ScopesPath takes it: each is read in full, with
/// nothing louder than an Info finding, and grants what the gateway would.
/// </summary>
public class RealWorldScopeFilesTests
{
    private static readonly string[] LatestSeedOrder = ["registry-admins", "mcp-registry-admin", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute", "federation-service"];

    /// <summary>Every file of gateway/ but the .env examples, and the three folders of seed or import-group documents.</summary>
    public static TheoryData<string> ScopeSources() => Theory(
        FilesUnder("gateway", "*").Where(f => !f.EndsWith(".env.example", StringComparison.Ordinal))
            .Concat(Present ? ["gateway/latest-8c5b834b/scripts", "gateway/latest-8c5b834b/cli-examples", "gateway/v124-1e781cb0/scripts"] : []));

    [RealWorldTheory]
    [MemberData(nameof(ScopeSources))]
    public void EveryScopeFile_IsReadInFull_WithNothingLouderThanInfo(string source)
    {
        var report = new Reporting.RecordingReport();
        var definitions = ScopesPathLoader.Load(PathOf(source), report);
        Assert.NotEmpty(definitions.Scopes);
        Assert.All(definitions.Findings, f => Assert.Equal(FindingSeverity.Info, f.Severity));
        Assert.Contains(report.Lines, l => l.StartsWith($"Scopes: {definitions.Scopes.Count} scope(s), {definitions.Groups.Count} group mapping(s)", StringComparison.Ordinal));
    }

    [RealWorldTheory]
    [InlineData("gateway/latest-8c5b834b/scripts")]
    [InlineData("gateway/derived/mcp_scopes.seed.mongoexport.json")]
    [InlineData("gateway/derived/mcp_scopes.seed.mongoexport.jsonl")]
    [InlineData("gateway/derived/scopes-export-ui.json")]
    public void LatestSeed_EveryFormReadsTheFiveScopesInTheSeedingOrder(string source)
    {
        var definitions = ScopeDefinitionsLoader.Load(PathOf(source));
        Assert.Equal(ScopeSourceKind.McpScopes, definitions.SourceKind);
        Assert.Equal(LatestSeedOrder, definitions.Scopes.Select(s => s.Name));
        Assert.Equal(["registry-admins", "mcp-registry-admin", "federation-service"], definitions.Groups);
        Assert.Equal(["mcp-registry-admin", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"], definitions.MapGroupsToScopes(["mcp-registry-admin"]));
        var admin = new ScopeAccessTester(definitions).Test(EffectiveScopeResolver.ForCaller(definitions, ["registry-admins"], []), "currenttime", "tools/call", "current_time_by_timezone");
        Assert.True(admin.Allowed);
        Assert.Equal("registry-admins", admin.GrantedBy!.Scope);
        Assert.False(new ScopeAccessTester(definitions).Test(EffectiveScopeResolver.ForCaller(definitions, ["federation-service"], []), "currenttime", "tools/call", "current_time_by_timezone").Allowed);
    }

    [RealWorldFact]
    public void V124Seed_FolderInTheSeedingOrder()
    {
        var definitions = ScopeDefinitionsLoader.Load(PathOf("gateway/v124-1e781cb0/scripts"));
        Assert.Equal(["registry-admins", "mcp-registry-admin", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"], definitions.Scopes.Select(s => s.Name));
    }

    [RealWorldFact]
    public void ImportGroupFiles_AFolderOfThemGrantsWhatEachScopeSays()
    {
        var definitions = ScopeDefinitionsLoader.Load(PathOf("gateway/latest-8c5b834b/cli-examples"));
        Assert.Equal(["currenttime-users", "public-mcp-users", "read-all-register-new", "read-select-register-new", "virtual-scoped-tools-users"], definitions.Scopes.Select(s => s.Name));
        var tester = new ScopeAccessTester(definitions);
        var granted = tester.Test(EffectiveScopeResolver.ForCaller(definitions, ["currenttime-users"], []), "currenttime", "tools/call", "current_time_by_timezone");
        Assert.True(granted.Allowed);
        Assert.Equal("currenttime-users", granted.GrantedBy!.Scope);
        Assert.EndsWith("currenttime-users.json", granted.GrantedBy.File, StringComparison.Ordinal);
        Assert.False(tester.Test(EffectiveScopeResolver.ForCaller(definitions, ["currenttime-users"], []), "currenttime", "tools/call", "set_time").Allowed);
        Assert.Equal(["public-mcp-users"], definitions.MapGroupsToScopes(["5f605d68-06bc-4208-b992-bb378eee12c5"]));
    }

    [RealWorldFact]
    public void ImportGroupFile_ItsV01RuleIsMarkedNeverMatchesInTheMatrix()
    {
        var definitions = ScopeDefinitionsLoader.Load(PathOf("gateway/latest-8c5b834b/cli-examples/public-mcp-users.json"));
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.ServerV01NeverMatches);
        var v01 = ScopeAccessMatrix.Build(definitions, ["public-mcp-users"]).Where(r => r.Server == "v0.1").ToList();
        Assert.Equal(["agents", "GET", "POST"], v01.Select(r => r.Method));
        Assert.All(v01, r => Assert.Equal(MatchKind.NeverMatches, r.MatchKind));
    }

    [RealWorldTheory]
    [InlineData("gateway/v124-1e781cb0/auth_server/scopes.yml", 8)]
    [InlineData("gateway/v124-1e781cb0/auth_server/scopes.yml.backup", 4)]
    [InlineData("gateway/v124-1e781cb0/registry-config/scopes.yml", 4)]
    [InlineData("gateway/2025-06-fe732e8d/scopes.yml", 4)]
    public void ScopesYaml_WhateverItsName(string source, int groups)
    {
        var definitions = ScopeDefinitionsLoader.Load(PathOf(source));
        Assert.Equal(ScopeSourceKind.ScopesYaml, definitions.SourceKind);
        Assert.Equal(groups, definitions.Groups.Count);
        Assert.Contains("mcp-servers-unrestricted/read", definitions.MapGroupsToScopes(["mcp-registry-admin"]));
    }
}
