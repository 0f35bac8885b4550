using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Get-ScopeAccessMatrix's rows: group x scope x rule, match kinds, catalog expansion.</summary>
public class ScopeAccessMatrixTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fgac-matrix-").FullName;

    public void Dispose() => Directory.Delete(folder, true);

    [Fact]
    public void Matrix_OneRowPerGroupScopeRuleAndName()
    {
        var rows = ScopeAccessMatrix.Build(DefaultMcpScopes(), ["registry-users-lob1"]).ToList();
        Assert.All(rows, r => Assert.Equal("registry-users-lob1", r.Group));
        Assert.Contains(rows, r => r is { Server: "currenttime", Method: "initialize", MatchKind: MatchKind.Exact });
        Assert.Contains(rows, r => r is { Server: "currenttime", Method: "tools/call", Tool: "current_time_by_timezone", MatchKind: MatchKind.Exact });
        Assert.Contains(rows, r => r is { Method: "tools/call", Tool: null, MatchKind: MatchKind.NoEffect });
        Assert.All(rows, r => Assert.NotNull(r.Line));
    }

    [Fact]
    public void Matrix_MatchKindsForWildcardsAndStrings()
    {
        var rows = ScopeAccessMatrix.Build(DefaultMcpScopes(), ["registry-admins"]).ToList();
        Assert.Contains(rows, r => r is { Scope: "registry-admins", Server: "*", Method: "*", MatchKind: MatchKind.AllButToolsCall });
        Assert.Contains(rows, r => r is { Scope: "registry-admins", Server: "*", Tool: "*", MatchKind: MatchKind.Wildcard });
        Assert.Contains(rows, r => r is { Scope: "mcp-servers-unrestricted/read", Tool: "*", MatchKind: MatchKind.Wildcard });
        var substring = ScopeAccessMatrix.Build(Db("[{'_id':'s','group_mappings':['g'],'server_access':[{'server':'a','tools':'get_time'}]}]")).Single();
        Assert.Equal(MatchKind.Substring, substring.MatchKind);
    }

    [Fact]
    public void Matrix_RowsOfAV01ServerRuleAreMarkedNeverMatches()
    {
        var definitions = Db("[{'_id':'s','group_mappings':['g'],'server_access':[{'server':'v0.1','methods':['agents','GET']},{'server':'api','methods':['GET']}]}]");
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.ServerV01NeverMatches);
        var rows = ScopeAccessMatrix.Build(definitions).ToList();
        Assert.Equal(["agents", "GET"], rows.Where(r => r.Server == "v0.1").Select(r => r.Method));
        Assert.All(rows.Where(r => r.Server == "v0.1"), r => Assert.Equal(MatchKind.NeverMatches, r.MatchKind));
        Assert.All(rows.Where(r => r.Server == "v0.1"), r => Assert.Contains("FGA015", r.Note, StringComparison.Ordinal));
        Assert.Equal(MatchKind.Exact, rows.Single(r => r.Server == "api").MatchKind);
    }

    [Fact]
    public void Matrix_CatalogExpandsWildcardServersAndSubstringTools()
    {
        var catalog = Path.Combine(folder, "catalog.csv");
        File.WriteAllText(catalog, "Server,Tool\ncurrenttime,current_time_by_timezone\ncurrenttime,time\nfininfo,print_stock_data\n\"fin,info\",x\n");
        var loaded = ServerCatalogLoader.Load(catalog);
        Assert.Empty(loaded.Findings);
        Assert.Equal(3, loaded.ToolsByServer.Count);
        var definitions = Db("[{'_id':'s','group_mappings':['g'],'server_access':[{'server':'/currenttime/','tools':'current_time_by_timezone'},{'server':'*','tools':['*']}]}]");
        var rows = ScopeAccessMatrix.Build(definitions, null, loaded).ToList();
        Assert.Equal(["current_time_by_timezone", "time"], rows.Where(r => r is { Rule: 0, MatchKind: MatchKind.Substring }).Select(r => r.Tool));
        var wildcard = rows.Where(r => r.Rule == 1).ToList();
        Assert.Equal(4, wildcard.Count);
        Assert.All(wildcard, r => Assert.True(r.FromCatalog));
        Assert.Contains(wildcard, r => r is { Server: "fininfo", Tool: "print_stock_data" });
    }

    [Fact]
    public void Matrix_JsonCatalogFormsAreRead()
    {
        var map = Path.Combine(folder, "map.json");
        File.WriteAllText(map, "{\"currenttime\": [\"a\", \"b\"]}");
        Assert.Equal(["a", "b"], ServerCatalogLoader.Load(map).ToolsOf("/currenttime"));
        var list = Path.Combine(folder, "list.json");
        File.WriteAllText(list, "[{\"path\": \"/fininfo\", \"tools\": [{\"name\": \"x\"}, \"y\"]}, {\"tools\": []}]");
        var catalog = ServerCatalogLoader.Load(list);
        Assert.Equal(["x", "y"], catalog.ToolsOf("fininfo"));
        Assert.Equal(ScopeFindingCodes.Catalog, Assert.Single(catalog.Findings).Code);
    }

    [Fact]
    public void Matrix_BrokenScopesAndRulesAreRowsThatDenyOnError()
    {
        var rows = ScopeAccessMatrix.Build(Db("[{'_id':'s','group_mappings':['g'],'server_access':[{'server':'a','methods':null},{'server':5}]}]")).ToList();
        Assert.Equal(2, rows.Count(r => r.MatchKind == MatchKind.DeniesOnError));
        var yaml = ScopesYamlLoader.FromText("group_mappings:\n  g: [UI-Scopes]\nUI-Scopes:\n  s: {list_service: [all]}\n");
        Assert.Equal(MatchKind.DeniesOnError, Assert.Single(ScopeAccessMatrix.Build(yaml)).MatchKind);
    }

    [Fact]
    public void Matrix_ScopesNoGroupMapsAreListedWithAnEmptyGroup()
    {
        var rows = ScopeAccessMatrix.Build(Db("[{'_id':'orphan','server_access':[{'server':'a','methods':['ping']}]}]")).ToList();
        Assert.Equal("", Assert.Single(rows).Group);
    }
}
