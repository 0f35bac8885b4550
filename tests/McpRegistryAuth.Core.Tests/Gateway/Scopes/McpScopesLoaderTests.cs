using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>The mcp_scopes exports (JSON array, JSON Lines, folder) and their findings.</summary>
public class McpScopesLoaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fgac-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("default-mcp-scopes.json")]
    [InlineData("default-mcp-scopes.jsonl")]
    [InlineData("default-mcp-scopes")]
    public void McpScopes_JsonArrayJsonLinesAndFolderGiveTheSameScopesInDocumentOrder(string source)
    {
        var definitions = McpScopesLoader.Load(FixturePath(source));
        Assert.Equal(ScopeSourceKind.McpScopes, definitions.SourceKind);
        Assert.Equal(
            ["registry-admins", "mcp-registry-admin", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute", "federation-service", "registry-users-lob1"],
            definitions.Scopes.Select(s => s.Name));
        Assert.False(definitions.HasErrors);
        Assert.Equal(3, definitions.Find("mcp-registry-admin")!.Rules.Count);
    }

    [Fact]
    public void McpScopes_JsonLinesKeepsTheLineOfEachDocument()
    {
        var definitions = McpScopesLoader.Load(FixturePath("default-mcp-scopes.jsonl"));
        Assert.Equal(6, definitions.Find("registry-users-lob1")!.Line);
        Assert.Equal(6, definitions.Find("registry-users-lob1")!.Rules[0].Line);
    }

    [Fact]
    public void McpScopes_GroupMappingOrderIsCollectionOrder()
    {
        var definitions = Db("[{'_id':'z-scope','group_mappings':['g2']},{'_id':'a-scope','group_mappings':['g1','g2']}]");
        Assert.Equal(["z-scope", "a-scope"], definitions.MapGroupsToScopes(["g1", "g2"]));
        Assert.Equal(["z-scope", "a-scope"], definitions.MapGroupsToScopes(["g2", "g1"]));
    }

    [Fact]
    public void McpScopes_GroupMappingIsExactAndCaseSensitive()
    {
        var definitions = DefaultMcpScopes();
        Assert.Empty(definitions.MapGroupsToScopes(["Registry-Admins", "registry-admins "]));
        Assert.Equal(["registry-admins", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"], definitions.MapGroupsToScopes(["registry-admins"]));
    }

    [Fact]
    public void McpScopes_FlattenSplicesAccessRulesAsTheyAreAndDropsEntriesWithoutServerOrAgent()
    {
        // _flatten_server_access splices a group's access_rules unfiltered (the inner agents: entry stays, with
        // no server, and never matches); top-level entries without "server" or "agent" in them are dropped.
        var definitions = Db("[{'_id':'s','server_access':[{'scope_name':'grp','access_rules':[{'server':'a','methods':['initialize']},{'agents':{'actions':[]}}]},{'agents':{'actions':[{'action':'list_agents','resources':['all']}]}},'text',{'server':'b','methods':['ping']}]}]");
        var rules = definitions.Find("s")!.Rules;
        Assert.Equal(["a", null, "b"], rules.Select(r => r.NormalizedServer));
        Assert.Equal([0, 1, 2], rules.Select(r => r.Index));
        Assert.Equal(2, definitions.Findings.Count(f => f.Code == ScopeFindingCodes.RuleNeverMatches && f.Message.Contains("drops it", StringComparison.Ordinal)));
        Assert.True(Decide(definitions, ["s"], "a", "initialize").Allowed);
        Assert.True(Decide(definitions, ["s"], "b", "ping").Allowed);
    }

    [Fact]
    public void McpScopes_DuplicateKeyLastWinsWithAWarningAndLine()
    {
        var path = Write("dup.json", "[\n {\"_id\": \"s\",\n  \"server_access\": [{\"server\": \"a\", \"methods\": [\"initialize\"]}],\n  \"server_access\": [{\"server\": \"b\", \"methods\": [\"initialize\"]}]\n }\n]\n");
        var definitions = McpScopesLoader.Load(path);
        Assert.Equal("b", definitions.Find("s")!.Rules.Single().NormalizedServer);
        var finding = Assert.Single(definitions.Findings, f => f.Code == ScopeFindingCodes.DuplicateKey);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(4, finding.Line);
        Assert.Equal(path, finding.File);
    }

    [Fact]
    public void McpScopes_SyntaxErrorInJsonLinesNamesTheLine()
    {
        var path = Write("bad.jsonl", "{\"_id\":\"a\"}\n{\"_id\":\"b\"}\n{\"_id\": \"c\", oops}\n");
        var definitions = McpScopesLoader.Load(path);
        var finding = Assert.Single(definitions.Findings, f => f.Code == ScopeFindingCodes.JsonSyntax);
        Assert.Equal(3, finding.Line);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(["a", "b"], definitions.Scopes.Select(s => s.Name));
    }

    [Fact]
    public void McpScopes_EmptyFileIsAnEmptyCollection()
    {
        var definitions = McpScopesLoader.Load(Write("empty.json", ""));
        var finding = Assert.Single(definitions.Findings);
        Assert.Equal(ScopeFindingCodes.Empty, finding.Code);
        Assert.Contains("EMPTY", finding.Message);
        Assert.Empty(definitions.Scopes);
        Assert.Empty(McpScopesLoader.Load(Write("empty-array.json", "[]")).Scopes);
    }

    [Fact]
    public void McpScopes_FileOverTheSizeLimitIsNotReadAndSaysSo()
    {
        var path = Path.Combine(folder, "huge.json");
        using (var stream = File.Create(path))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var definitions = McpScopesLoader.Load(path);
        var finding = Assert.Single(definitions.Findings);
        Assert.Equal(ScopeFindingCodes.TooLarge, finding.Code);
        Assert.Contains("50 MB", finding.Message);
    }

    [Fact]
    public void McpScopes_DeepNestingIsAFindingNotACrash()
    {
        var deep = new string('[', 200) + new string(']', 200);
        var definitions = McpScopesLoader.Load(Write("deep.json", deep));
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.JsonSyntax && f.Message.Contains("depth", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void McpScopes_MissingFileIsAFinding()
    {
        var definitions = McpScopesLoader.Load(Path.Combine(folder, "nope.json"));
        Assert.Equal(ScopeFindingCodes.Unreadable, Assert.Single(definitions.Findings).Code);
    }

    [Fact]
    public void McpScopes_DocumentProblemsAreFindingsWithLines()
    {
        var path = Write("docs.jsonl", "{\"_id\":{\"$oid\":\"65f0\"}}\n[1]\n{\"group_mappings\":[]}\n{\"_id\":\"s\",\"grup_mappings\":[\"g\"]}\n{\"_id\":\"s\"}\n{\"_id\":\"t\",\"group_mappings\":{\"g\":1}}\n");
        var findings = McpScopesLoader.Load(path).Findings;
        Assert.Contains(findings, f => f.Code == ScopeFindingCodes.MissingId && f.Line == 1 && f.Message.Contains("not a string"));
        Assert.Contains(findings, f => f.Code == ScopeFindingCodes.NotAMapping && f.Line == 2);
        Assert.Contains(findings, f => f.Code == ScopeFindingCodes.MissingId && f.Line == 3);
        Assert.Contains(findings, f => f.Code == ScopeFindingCodes.UnknownKey && f.Line == 4 && f.Message.Contains("grup_mappings"));
        Assert.Contains(findings, f => f.Code == ScopeFindingCodes.DuplicateId && f.Line == 5);
        Assert.Contains(findings, f => f.Code == ScopeFindingCodes.BadGroupMappings && f.Line == 6);
    }

    [Fact]
    public void McpScopes_NullServerAccessIsReadAsNoRules()
    {
        // Flattening None raises inside get_server_scopes, which catches it and answers []: the scope is skipped.
        var definitions = Db("[{'_id':'broken','server_access':null},{'_id':'admin','server_access':[{'server':'*','methods':['all']}]}]");
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.ScopeNotAList && f.Severity == FindingSeverity.Error);
        Assert.True(Decide(definitions, ["broken", "admin"], "srv", "initialize").Allowed);
        Assert.True(Decide(definitions, ["admin", "broken"], "srv", "initialize").Allowed);
        Assert.False(Decide(definitions, ["broken"], "srv", "initialize").Allowed);
    }

    [Fact]
    public void McpScopes_LintsStringToolsServerAllAndV01()
    {
        var definitions = Db("[{'_id':'s','server_access':[{'server':'a','tools':'x_tool'},{'server':'all'},{'server':'v0.1','methods':['GET']},{'server':'b','methods':null}]}]");
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.SubstringMatch);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.ServerAllIsNotWildcard);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.ServerV01NeverMatches);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.RuleDeniesOnError);
    }

    [Fact]
    public void McpScopes_DefaultSeedsHaveNoWarnings()
    {
        Assert.DoesNotContain(DefaultMcpScopes().Findings, f => f.Severity != FindingSeverity.Info);
    }
}
