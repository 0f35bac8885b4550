using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>A2A calls (/agent/...): the credential is X-Authorization, and the agent invoke check replaces FGAC.</summary>
public class AgentInvokeTests
{
    private const string Agent = "https://gw.example.com/agent/flight-booking/";
    private const string Send = """{"jsonrpc":"2.0","id":1,"method":"message/send","params":{}}""";

    private static Task<Verdict> Invoke(ScopeDefinitions? scopes, string token, string url = Agent) =>
        Answer(Test(scopes), Request(null, url, Send, ("X-Authorization", "Bearer " + token), ("Authorization", "Bearer agent-own-credential")));

    private static ScopeDefinitions AgentScopes(string agent, string actions) => Db($$"""
        [{'_id': 'travel', 'group_mappings': ['travellers'], 'server_access': [{'server': 'currenttime', 'methods': ['tools/list']}, {'agent': '{{agent}}', 'actions': {{actions}}}]}]
        """);

    [Fact]
    public async Task Agent_WithoutAnInvokeScopeIs403()
    {
        var verdict = await Invoke(V124Scopes(), Kc("registry-users-lob1"));
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Access denied to agent /flight-booking - no invoke scope", verdict.Detail);
        Assert.Equal(403, verdict.ClientStatus);
        Assert.Equal(ScopeCheckNames.AgentInvoke, verdict.FailedCheck!.Name);
        Assert.Null(verdict.ScopeAccess);
    }

    [Fact]
    public async Task Agent_AdminGroupMayInvokeEveryAgentWithoutDefinitions()
    {
        var verdict = await Invoke(null, Kc("registry-admins"));
        Assert.Equal(200, verdict.Status);
        Assert.False(verdict.IsProvisional);
        Assert.Contains("'registry-admins'", verdict.Checks.Single(c => c.Name == ScopeCheckNames.AgentInvoke).Observed);
    }

    [Theory]
    [InlineData("/flight-booking", "['invoke_agent']", 200)]
    [InlineData("*", "['all']", 200)]
    [InlineData("all", "['*']", 200)]
    [InlineData("/flight-booking", "['list_agents', 'get_agent']", 403)]
    [InlineData("/hotel-booking", "['invoke_agent']", 403)]
    [InlineData("flight-booking", "['invoke_agent']", 403)]
    public async Task Agent_AnAgentRuleWithInvokeGrantsIt(string agent, string actions, int status)
    {
        var verdict = await Invoke(AgentScopes(agent, actions), Kc("travellers"));
        Assert.Equal(status, verdict.Status);
    }

    [Fact]
    public async Task Agent_UndecidedWithoutDefinitionsIsProvisional()
    {
        var verdict = await Invoke(null, Kc("travellers"));
        Assert.Equal(200, verdict.Status);
        Assert.True(verdict.IsProvisional);
        Assert.False(verdict.Checks.Single(c => c.Name == ScopeCheckNames.AgentInvoke).Passed);
    }

    [Fact]
    public async Task Agent_AuthorizationAloneIsNoGatewayCredential()
    {
        // A client that sends its token in Authorization only (the module itself puts it in X-Authorization on /agent/).
        var verdict = await Answer(Test(V124Scopes()), Request(null, Agent, Send, ("Authorization", "Bearer " + Kc("registry-admins"))));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Missing or invalid Authorization header. Expected: Bearer <token> or valid session cookie", verdict.Detail);
    }
}
