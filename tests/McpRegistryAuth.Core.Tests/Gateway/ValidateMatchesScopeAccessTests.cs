using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>
/// Test-RegistryToken -ScopesPath and Test-ScopeAccess answer the same for the same caller and request: a
/// generated set of callers (groups), URLs and bodies, against both storage forms of the default scopes.
/// </summary>
public class ValidateMatchesScopeAccessTests
{
    private static readonly string[][] Callers =
    [
        [], ["registry-users-lob1"], ["registry-users-lob2"], ["public-mcp-users"], ["registry-admins"], ["federation-service"],
        ["registry-users-lob1", "registry-users-lob2"], ["nobody-maps-this"], ["mcp-registry-admin", "nobody-maps-this"],
    ];

    private static readonly string[] Paths =
    [
        "/currenttime/mcp", "/currenttime/sse", "/currenttime/messages", "/currenttime", "/mcpgw/mcp", "/fininfo/mcp",
        "/realserverfaketools/mcp", "/context7/mcp", "/cloudflare-docs/mcp", "/peer-lob1/cloudflare-docs/mcp",
        "/api/servers", "/api/servers/mcp", "/v0.1/servers", "/v0.1/servers/io.mcpgateway%2Fcurrenttime/versions",
        "/%61pi/servers", "/api/../currenttime/mcp", "/currenttime/mcp?session=1", "/registry/currenttime/mcp",
    ];

    private static readonly string?[] Bodies =
    [
        null, ToolsList, Rpc("initialize"), Rpc("notifications/initialized"), Rpc("resources/read"), Rpc("prompts/list"),
        Call("current_time_by_timezone"), Call("intelligent_tool_finder"), Call("get_stock_aggregates"), Call("time"), Call(""),
        """{"jsonrpc":"2.0","id":9,"method":"tools/call"}""", "[" + ToolsList + "]", "not json", """{"name":"tools/list"}""",
    ];

    public static TheoryData<string, string> Sources() => new() { { "scopes.yml", "" }, { "mcp_scopes", "" }, { "scopes.yml", "/registry" }, { "mcp_scopes", "/registry" } };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task Validate_AllowsExactlyWhatTestScopeAccessAllows(string source, string rootPath)
    {
        var definitions = source == "scopes.yml" ? V124Scopes() : Scopes.ScopeFixtures.DefaultMcpScopes();
        var test = Test(definitions, extra: ("REGISTRY_ROOT_PATH", rootPath));
        var tester = new ScopeAccessTester(definitions);
        var compared = 0;
        var denied = 0;
        foreach (var groups in Callers)
        {
            var token = Kc(groups);
            foreach (var path in Paths)
            {
                var url = "https://gw.example.com" + path;
                foreach (var body in Bodies)
                {
                    var verdict = await Answer(test, Request(token, url, body));
                    var expected = tester.TestRequest(EffectiveScopeResolver.ForCaller(definitions, groups, null), url, body, ScopeAccessTester.DefaultHttpMethod(body), registryRootPath: rootPath);
                    var context = $"{string.Join(",", groups)} {url} {body}";
                    Assert.True(expected.Allowed == verdict.Accepted, $"/validate {verdict.Status} {verdict.Detail}, Test-ScopeAccess {expected.Status} {expected.Detail}: {context}");
                    Assert.True(ScopeAccessTester.AllowsEndToEnd(expected) == verdict.GetsThrough, $"end to end: {context}");
                    if (!expected.Allowed)
                    {
                        Assert.Equal(expected.Status, verdict.Status);
                        Assert.Equal(expected.Detail, verdict.Detail);
                        denied++;
                    }

                    compared++;
                }
            }
        }

        // The set must exercise both answers, or the comparison proves nothing.
        Assert.Equal(Callers.Length * Paths.Length * Bodies.Length, compared);
        Assert.InRange(denied, compared / 5, compared - (compared / 5));
    }
}
