using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Requests;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Test-RegistryToken -ScopesPath: /validate's FGAC decision is the verdict for MCP server paths.</summary>
public class FgacThroughValidateTests
{
    private const string Mcp = "https://gw.example.com/currenttime/mcp";

    [Fact]
    public async Task Fgac_ToolsListForAGroupWithoutTheServerIs403()
    {
        var verdict = await AnswerUnderV124Scopes(["registry-users-lob2"], Mcp, ToolsList);

        Assert.Equal(403, verdict.Status);
        Assert.Equal("Access denied to currenttime.tools/list", verdict.Detail);
        Assert.Equal("{\"detail\":\"Access denied to currenttime.tools/list\"}", verdict.Body);
        Assert.Equal(403, verdict.ClientStatus);
        Assert.Equal("{\"error\": \"Access forbidden\"}", verdict.ClientBody);
        Assert.Equal(ScopeCheckNames.FgacDecision, verdict.FailedCheck!.Name);
        Assert.Equal("bob", verdict.Identity);
        Assert.Equal(["registry-users-lob2"], verdict.Scopes);

        var access = verdict.ScopeAccess!;
        Assert.False(access.Allowed);
        Assert.Equal(("currenttime", "tools/list"), (access.Server, access.Method));
        Assert.Equal(verdict.Detail, access.Detail);
        Assert.Contains(verdict.Checks, c => c.Name == ScopeCheckNames.FgacScope && c.Observed!.Contains("registry-users-lob2"));
        Assert.Contains(verdict.Hints, h => h.Contains("Add a rule for server 'currenttime' with 'tools/list' in methods"));
    }

    [Theory]
    [InlineData("resources/read", "Access denied to currenttime.resources/read")]
    [InlineData("prompts/list", "Access denied to currenttime.prompts/list")]
    [InlineData("resources/templates/list", null)]
    [InlineData("tools/list", null)]
    public async Task Fgac_MethodsOfTheGroupsRuleAreTheOnlyOnesAllowed(string method, string? detail)
    {
        var verdict = await AnswerUnderV124Scopes(["registry-users-lob1"], Mcp, Rpc(method));
        Assert.Equal(detail is null ? 200 : 403, verdict.Status);
        Assert.Equal(detail, verdict.Detail);
        Assert.Equal(detail is null, verdict.ScopeAccess!.Allowed);
    }

    [Fact]
    public async Task Fgac_ToolsCallIsDecidedByTheToolList()
    {
        var test = Test(V124Scopes());
        var granted = await Answer(test, Request(Kc("registry-users-lob1"), Mcp, Call("current_time_by_timezone")));
        var refused = await Answer(test, Request(Kc("registry-users-lob1"), Mcp, Call("delete_everything")));

        Assert.Equal(200, granted.Status);
        Assert.True(granted.GetsThrough);
        Assert.Null(granted.FailedCheck);
        Assert.Equal("registry-users-lob1", granted.ScopeAccess!.GrantedBy!.Scope);
        Assert.Equal(ScopeGrantBranch.ToolListed, granted.ScopeAccess.GrantedBy.Branch);
        Assert.False(granted.IsProvisional);

        Assert.Equal(403, refused.Status);
        Assert.Equal("Access denied to currenttime.tools/call", refused.Detail);
        Assert.Equal("delete_everything", refused.ScopeAccess!.Tool);
    }

    [Theory]
    [InlineData("https://gw.example.com/currenttime/sse", "Access denied to currenttime.sse")]
    [InlineData("https://gw.example.com/currenttime/messages", "Access denied to currenttime.messages")]
    [InlineData("https://gw.example.com/currenttime/mcp", "Access denied to currenttime.mcp")]
    public async Task Fgac_WithoutABodyTheMethodIsThePathsTransportSegment(string url, string detail)
    {
        var verdict = await AnswerUnderV124Scopes(["registry-users-lob1"], url);
        Assert.Equal(403, verdict.Status);
        Assert.Equal(detail, verdict.Detail);
    }

    [Fact]
    public async Task Fgac_ATokenWithoutScopesIsRefusedBeforeTheRules()
    {
        var withDefinitions = await AnswerUnderV124Scopes([], Mcp, ToolsList);
        var unmappedGroup = await AnswerUnderV124Scopes(["nobody-maps-this"], Mcp, ToolsList);
        var withoutDefinitions = await Answer(Test(), Request(Kc(), Mcp, ToolsList));

        foreach (var verdict in new[] { withDefinitions, unmappedGroup, withoutDefinitions })
        {
            Assert.Equal(403, verdict.Status);
            Assert.Equal("Access denied to currenttime.tools/list - user has no scopes configured", verdict.Detail);
            Assert.Equal(ScopeCheckNames.FgacScopes, verdict.FailedCheck!.Name);
        }
    }

    [Fact]
    public async Task Fgac_AllowedAtValidateButRefusedByTheProxyHopIsTheClientsAnswer()
    {
        var test = Test(V124Scopes());
        var batch = await Answer(test, Request(Kc("registry-admins"), Mcp, "[" + ToolsList + "]"));
        var get = await Answer(test, Request(Kc("registry-admins"), Mcp));

        Assert.Equal(200, batch.Status);
        Assert.Equal(403, batch.ClientStatus);
        Assert.Equal("{\"detail\":\"Request body could not be authorized\"}", batch.ClientBody);
        Assert.False(batch.GetsThrough);
        Assert.Equal(ScopeCheckNames.FgacProxyHop, batch.FailedCheck!.Name);
        Assert.False(TokenTestSession.Accepted([batch]));

        Assert.Equal(200, get.Status);
        Assert.Equal(405, get.ClientStatus);
    }

    [Fact]
    public async Task Fgac_ScopeAccessIsWhatTestScopeAccessReturns()
    {
        var definitions = V124Scopes();
        var verdict = await Answer(Test(definitions), Request(Kc("registry-users-lob1", "registry-users-lob2"), Mcp, Call("get_stock_aggregates")));
        var expected = new ScopeAccessTester(definitions).TestRequest(
            EffectiveScopeResolver.ForCaller(definitions, ["registry-users-lob1", "registry-users-lob2"], null), Mcp, Call("get_stock_aggregates"), "POST");

        var actual = verdict.ScopeAccess!;
        Assert.Equal((expected.Allowed, expected.Status, expected.Server, expected.Method, expected.Tool, expected.Detail), (actual.Allowed, actual.Status, actual.Server, actual.Method, actual.Tool, actual.Detail));
        Assert.Equal(expected.EffectiveScopes, actual.EffectiveScopes);
        Assert.Equal(expected.GrantedBy, actual.GrantedBy);
        Assert.Equal(expected.Hop, actual.Hop);
        Assert.Equal(definitions.Source, actual.ScopesPath);
    }

    [Fact]
    public async Task Fgac_RegistryApiPathsHaveNoFgacAtValidate()
    {
        var verdict = await AnswerUnderV124Scopes(["registry-users-lob2"], "https://gw.example.com/api/servers");
        Assert.Equal(200, verdict.Status);
        Assert.Null(verdict.ScopeAccess);
        Assert.False(verdict.IsProvisional);
    }

    [Fact]
    public async Task StaticKey_GroupsWithoutScopesPassValidateButTheRegistryRefuses()
    {
        var keys = $"{{\"ci-bot\":{{\"key\":\"{CiKey}\",\"groups\":[\"nobody\"]}}}}";
        var verdict = await Answer(Test(V124Scopes(), extra: ("REGISTRY_API_KEYS", keys)), Request(CiKey, "https://gw.example.com/api/servers"));

        Assert.Equal(200, verdict.Status);
        Assert.Equal("StaticToken:ci-bot", verdict.AcceptedBy);
        Assert.Equal(403, verdict.ClientStatus);
        Assert.False(verdict.GetsThrough);
        Assert.Equal(ScopeCheckNames.Scopes, verdict.FailedCheck!.Name);
        Assert.Contains("Requests using this key will get 403 on all protected endpoints.", verdict.FailedCheck.Hint);
        Assert.False(TokenTestSession.Accepted([verdict]));
    }

    [Fact]
    public async Task StaticKey_WithMappedGroupsGetsThrough()
    {
        var keys = $"{{\"ci-bot\":{{\"key\":\"{CiKey}\",\"groups\":[\"registry-users-lob1\"]}}}}";
        var verdict = await Answer(Test(V124Scopes(), extra: ("REGISTRY_API_KEYS", keys)), Request(CiKey, "https://gw.example.com/api/servers"));
        Assert.Equal(200, verdict.Status);
        Assert.Null(verdict.ClientStatus);
        Assert.True(verdict.GetsThrough);
        Assert.Null(verdict.FailedCheck);
    }
}
