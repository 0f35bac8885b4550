using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>validate_server_tool_access (spec 6.2), every rule, each checked through the evaluator and the index.</summary>
public class ScopeDecisionTests
{
    private static ScopeDefinitions OneRule(string rule) => Db($"[{{'_id':'s','server_access':[{rule}]}}]");

    [Theory]
    [InlineData("/context7/", "context7")]
    [InlineData("/context7", "context7")]
    [InlineData("context7", "/context7/")]
    [InlineData("//context7//", "context7")]
    public void Fgac_ServerNamesComparedAfterStrippingLeadingAndTrailingSlashes(string ruleServer, string requestServer)
    {
        var definitions = OneRule($"{{'server':'{ruleServer}','methods':['initialize']}}");
        Assert.True(Decide(definitions, ["s"], requestServer, "initialize").Allowed);
    }

    [Fact]
    public void Fgac_ServerNamesAreCaseSensitiveAndNotGlobs()
    {
        var definitions = OneRule("{'server':'currenttime','methods':['initialize']}");
        Assert.False(Decide(definitions, ["s"], "CurrentTime", "initialize").Allowed);
        Assert.False(Decide(definitions, ["s"], "currenttime2", "initialize").Allowed);
        Assert.False(Decide(OneRule("{'server':'current*','methods':['initialize']}"), ["s"], "currenttime", "initialize").Allowed);
    }

    [Fact]
    public void Fgac_OnlyInnerSlashesAreKept()
    {
        var definitions = OneRule("{'server':'peer-lob1/cloudflare-docs','methods':['initialize']}");
        Assert.True(Decide(definitions, ["s"], "peer-lob1/cloudflare-docs", "initialize").Allowed);
        Assert.False(Decide(definitions, ["s"], "cloudflare-docs", "initialize").Allowed);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("/*/")]
    public void Fgac_StarServerMatchesEveryServer(string server)
    {
        var definitions = OneRule($"{{'server':'{server}','methods':['ping']}}");
        Assert.True(Decide(definitions, ["s"], "anything/at/all", "ping").Allowed);
    }

    [Fact]
    public void Fgac_ServerAllIsNotAWildcard()
    {
        var definitions = OneRule("{'server':'all','methods':['all'],'tools':['all']}");
        Assert.False(Decide(definitions, ["s"], "currenttime", "initialize").Allowed);
        Assert.True(Decide(definitions, ["s"], "all", "initialize").Allowed);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.ServerAllIsNotWildcard);
    }

    [Theory]
    [InlineData("all")]
    [InlineData("*")]
    public void Fgac_MethodsAllOrStarAllowEveryMethodExceptToolsCall(string wildcard)
    {
        var definitions = OneRule($"{{'server':'srv','methods':['{wildcard}'],'tools':[]}}");
        var granted = Decide(definitions, ["s"], "srv", "resources/read");
        Assert.True(granted.Allowed);
        Assert.Equal(ScopeGrantBranch.MethodWildcard, granted.Grant!.Branch);
        Assert.False(Decide(definitions, ["s"], "srv", "tools/call", "anytool").Allowed);
    }

    [Fact]
    public void Fgac_ToolsCallWithMethodsAllNeedsToolsAll()
    {
        var definitions = OneRule("{'server':'*','methods':['all'],'tools':['all']}");
        var decision = Decide(definitions, ["s"], "srv", "tools/call", "anytool");
        Assert.True(decision.Allowed);
        Assert.Equal(ScopeGrantBranch.ToolWildcard, decision.Grant!.Branch);
    }

    [Fact]
    public void Fgac_ToolsCallInMethodsIsNotEnough_TheToolMustBeInTools()
    {
        var definitions = OneRule("{'server':'fininfo','methods':['tools/list','tools/call'],'tools':['get_stock_aggregates','print_stock_data']}");
        Assert.True(Decide(definitions, ["s"], "fininfo", "tools/call", "print_stock_data").Allowed);
        var denied = Decide(definitions, ["s"], "fininfo", "tools/call", "delete_portfolio");
        Assert.False(denied.Allowed);
        Assert.Contains(denied.Checks, c => c.Observed!.Contains("tools/call in methods is not enough"));
    }

    [Fact]
    public void Fgac_ToolsCallNeedNotBeInMethodsWhenToolsNamesTheTool()
    {
        var definitions = OneRule("{'server':'fininfo','methods':['initialize'],'tools':['print_stock_data']}");
        var decision = Decide(definitions, ["s"], "fininfo", "tools/call", "print_stock_data");
        Assert.True(decision.Allowed);
        Assert.Equal(ScopeGrantBranch.ToolListed, decision.Grant!.Branch);
    }

    [Fact]
    public void Fgac_ToolsWildcardAloneGrantsEveryOtherMethod()
    {
        var definitions = OneRule("{'server':'srv','tools':['*']}");
        Assert.True(Decide(definitions, ["s"], "srv", "initialize").Allowed);
        Assert.True(Decide(definitions, ["s"], "srv", "tools/list").Allowed);
        Assert.Equal(ScopeGrantBranch.ToolWildcard, Decide(definitions, ["s"], "srv", "ping").Grant!.Branch);
    }

    [Fact]
    public void Fgac_MethodListedUnderToolsIsGranted_BackwardCompatibility()
    {
        var definitions = OneRule("{'server':'srv','methods':[],'tools':['tools/list']}");
        var decision = Decide(definitions, ["s"], "srv", "tools/list");
        Assert.True(decision.Allowed);
        Assert.Equal(ScopeGrantBranch.MethodListedUnderTools, decision.Grant!.Branch);
    }

    [Fact]
    public void Fgac_ToolsCallWithoutToolNameNeedsToolsCallUnderToolsOrWildcard()
    {
        var listedInMethods = OneRule("{'server':'srv','methods':['tools/call'],'tools':['x']}");
        Assert.False(Decide(listedInMethods, ["s"], "srv", "tools/call", null).Allowed);
        Assert.False(Decide(listedInMethods, ["s"], "srv", "tools/call", "").Allowed);
        var underTools = OneRule("{'server':'srv','tools':['tools/call']}");
        Assert.Equal(ScopeGrantBranch.MethodListedUnderTools, Decide(underTools, ["s"], "srv", "tools/call", null).Grant!.Branch);
        Assert.False(Decide(underTools, ["s"], "srv", "tools/call", "x").Allowed);
    }

    [Fact]
    public void Fgac_StringToolsIsASubstringTest()
    {
        var definitions = OneRule("{'server':'currenttime','methods':['tools/call'],'tools':'current_time_by_timezone'}");
        var decision = Decide(definitions, ["s"], "currenttime", "tools/call", "time");
        Assert.True(decision.Allowed);
        Assert.True(decision.Grant!.Substring);
        Assert.False(Decide(definitions, ["s"], "currenttime", "tools/call", "timezones").Allowed);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.SubstringMatch);
    }

    [Fact]
    public void Fgac_StringToolsContainingAllIsAWildcard()
    {
        var definitions = OneRule("{'server':'srv','tools':'install_package'}");
        var decision = Decide(definitions, ["s"], "srv", "tools/call", "drop_database");
        Assert.True(decision.Allowed);
        Assert.Equal(ScopeGrantBranch.ToolWildcard, decision.Grant!.Branch);
        Assert.True(decision.Grant.Substring);
    }

    [Fact]
    public void Fgac_StringStarToolsIsAWildcardOnlyBecauseStarIsInStar()
    {
        var definitions = OneRule("{'server':'srv','tools':'*'}");
        var decision = Decide(definitions, ["s"], "srv", "tools/call", "anything");
        Assert.True(decision.Allowed);
        Assert.Equal(ScopeGrantBranch.ToolWildcard, decision.Grant!.Branch);
        Assert.False(decision.Grant.Substring);
        Assert.DoesNotContain(definitions.Findings, f => f.Code == ScopeFindingCodes.SubstringMatch);
    }

    [Fact]
    public void Fgac_StringMethodsIsASubstringTest()
    {
        var definitions = OneRule("{'server':'srv','methods':'tools/list'}");
        Assert.True(Decide(definitions, ["s"], "srv", "list").Allowed);
        Assert.True(Decide(definitions, ["s"], "srv", "tools/list").Allowed);
        Assert.False(Decide(definitions, ["s"], "srv", "initialize").Allowed);
    }

    [Fact]
    public void Fgac_ListValuesAreExact()
    {
        var definitions = OneRule("{'server':'srv','methods':['tools/list'],'tools':['current_time_by_timezone']}");
        Assert.False(Decide(definitions, ["s"], "srv", "list").Allowed);
        Assert.False(Decide(definitions, ["s"], "srv", "tools/call", "time").Allowed);
    }

    [Theory]
    [InlineData("ping")]
    [InlineData("notifications/initialized")]
    [InlineData("resources/list")]
    [InlineData("prompts/list")]
    public void Fgac_NothingIsAllowedImplicitly(string method)
    {
        var definitions = OneRule("{'server':'srv','methods':['initialize','tools/list'],'tools':['x']}");
        Assert.False(Decide(definitions, ["s"], "srv", method).Allowed);
    }

    [Fact]
    public void Fgac_UnknownScopeIsSkipped()
    {
        var definitions = OneRule("{'server':'srv','methods':['initialize']}");
        Assert.True(Decide(definitions, ["no-such-scope", "s"], "srv", "initialize").Allowed);
        Assert.False(Decide(definitions, ["no-such-scope"], "srv", "initialize").Allowed);
    }

    [Fact]
    public void Fgac_NoScopesDenies()
    {
        var decision = Decide(OneRule("{'server':'*','methods':['all'],'tools':['all']}"), [], "srv", "initialize");
        Assert.False(decision.Allowed);
        Assert.Null(decision.Failure);
    }

    [Fact]
    public void Fgac_AgentRuleNeverMatches()
    {
        var definitions = OneRule("{'agent':'*','actions':['invoke_agent']}");
        Assert.False(Decide(definitions, ["s"], "srv", "initialize").Allowed);
    }

    [Fact]
    public void Fgac_FalsyServerNeverMatchesAndDoesNotRaise()
    {
        var definitions = Db("[{'_id':'s','server_access':[{'server':null,'methods':null},{'server':'','methods':5},{'server':'srv','methods':['initialize']}]}]");
        Assert.True(Decide(definitions, ["s"], "srv", "initialize").Allowed);
    }

    [Fact]
    public void Fgac_NonStringServerRaisesAndDenies()
    {
        var definitions = Db("[{'_id':'broken','server_access':[{'server':5,'methods':['all']}]},{'_id':'ok','server_access':[{'server':'*','methods':['all']}]}]");
        var decision = Decide(definitions, ["broken", "ok"], "srv", "initialize");
        Assert.False(decision.Allowed);
        Assert.Equal("broken", decision.Failure!.Scope);
        Assert.Equal(0, decision.Failure.RuleIndex);
    }

    private const string BrokenAndAdmin = "[{'_id':'broken','server_access':[{'server':'currenttime','methods':null}]},{'_id':'admin','server_access':[{'server':'*','methods':['all'],'tools':['all']}]}]";

    [Fact]
    public void Fgac_DenyOnError_BrokenScopeBeforeAdminDenies()
    {
        var decision = Decide(Db(BrokenAndAdmin), ["broken", "admin"], "currenttime", "tools/call", "current_time_by_timezone");
        Assert.False(decision.Allowed);
        Assert.Equal("broken", decision.Failure!.Scope);
        Assert.Contains("NoneType", decision.Failure.Reason);
        Assert.Contains(decision.Checks, c => c.Name == "Gateway.Fgac.DenyOnError");
    }

    [Fact]
    public void Fgac_DenyOnError_AdminBeforeBrokenGrants()
    {
        var decision = Decide(Db(BrokenAndAdmin), ["admin", "broken"], "currenttime", "tools/call", "current_time_by_timezone");
        Assert.True(decision.Allowed);
        Assert.Equal("admin", decision.Grant!.Scope);
    }

    [Fact]
    public void Fgac_DenyOnError_OnlyWhenTheBrokenRulesServerMatches()
    {
        var decision = Decide(Db(BrokenAndAdmin), ["broken", "admin"], "othersrv", "initialize");
        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Fgac_DenyOnError_NullToolsRaisesOnlyAfterMethodsFailToGrant()
    {
        var definitions = OneRule("{'server':'srv','methods':['initialize'],'tools':null}");
        Assert.True(Decide(definitions, ["s"], "srv", "initialize").Allowed);
        var denied = Decide(definitions, ["s"], "srv", "tools/list");
        Assert.False(denied.Allowed);
        Assert.NotNull(denied.Failure);
    }

    [Fact]
    public void Fgac_RuleOrder_EarlyGrantReturnsBeforeABrokenRule()
    {
        var grantFirst = Db("[{'_id':'s','server_access':[{'server':'srv','methods':['initialize']},{'server':'srv','methods':null}]}]");
        Assert.True(Decide(grantFirst, ["s"], "srv", "initialize").Allowed);
        var brokenFirst = Db("[{'_id':'s','server_access':[{'server':'srv','methods':null},{'server':'srv','methods':['initialize']}]}]");
        var decision = Decide(brokenFirst, ["s"], "srv", "initialize");
        Assert.False(decision.Allowed);
        Assert.Equal(0, decision.Failure!.RuleIndex);
    }

    [Fact]
    public void Fgac_ScopeOrder_FirstGrantingScopeIsReported()
    {
        var definitions = Db("[{'_id':'a','server_access':[{'server':'srv','methods':['initialize']}]},{'_id':'b','server_access':[{'server':'*','methods':['all']}]}]");
        Assert.Equal("a", Decide(definitions, ["a", "b"], "srv", "initialize").Grant!.Scope);
        Assert.Equal("b", Decide(definitions, ["b", "a"], "srv", "initialize").Grant!.Scope);
    }

    [Fact]
    public void Fgac_GrantNamesRuleIndexAndLine()
    {
        var definitions = McpScopesLoader.Load(FixturePath("default-mcp-scopes.json"));
        var decision = Decide(definitions, ["registry-users-lob1"], "currenttime", "tools/call", "current_time_by_timezone");
        Assert.Equal(new ScopeGrant("registry-users-lob1", 0, ScopeGrantBranch.ToolListed, false, FixturePath("default-mcp-scopes.json"), decision.Grant!.Line), decision.Grant);
        var lines = File.ReadAllLines(FixturePath("default-mcp-scopes.json"));
        Assert.Contains("\"server\": \"currenttime\"", lines[decision.Grant.Line!.Value]);
    }

    [Fact]
    public void Fgac_IndexAgreesWithEvaluatorOnGeneratedCases()
    {
        var random = new Random(20261122);
        string[] servers = ["a", "b", "/a/", "*", "all", "c/d"];
        string[] names = ["initialize", "tools/list", "tools/call", "ping", "all", "*", "x", "mcp"];
        string Field() => random.Next(7) switch
        {
            0 => "null",
            1 => "'" + names[random.Next(names.Length)] + "_and_x'",
            2 => "5",
            3 => "[]",
            _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => "'" + names[random.Next(names.Length)] + "'")) + "]",
        };
        for (var round = 0; round < 40; round++)
        {
            var documents = Enumerable.Range(0, 4).Select(s =>
                $"{{'_id':'s{s}','server_access':[" + string.Join(",", Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
                    random.Next(10) == 0 ? "{'agent':'x'}" : $"{{'server':'{servers[random.Next(servers.Length)]}'" + (random.Next(5) == 0 ? "" : $",'methods':{Field()}") + (random.Next(5) == 0 ? "" : $",'tools':{Field()}") + "}")) + "]}");
            var definitions = Db("[" + string.Join(",", documents) + "]");
            var scopes = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"s{random.Next(5)}").ToArray();
            foreach (var server in new[] { "a", "b", "c/d", "zzz" })
            {
                foreach (var method in new[] { "initialize", "tools/list", "tools/call", "ping", "mcp" })
                {
                    Decide(definitions, scopes, server, method, random.Next(3) == 0 ? null : names[random.Next(names.Length)]);
                }
            }
        }
    }
}
