using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Python;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>
/// FGAC on shapes the gateway's Python code accepts without complaint: JSON-RPC methods and tool names that are
/// not strings (compared with Python's ==, shown with str()), and a URL without a server segment.
/// </summary>
public class FgacEdgeShapeTests
{
    private static ScopeAccessResult Send(string rule, string body) =>
        TestRequest(Db($"[{{'_id': 's', 'group_mappings': ['g'], 'server_access': [{rule}]}}]"), body);

    private static ScopeAccessResult TestRequest(ScopeDefinitions definitions, string body) =>
        new ScopeAccessTester(definitions).TestRequest(EffectiveScopeResolver.ForCaller(definitions, ["g"], null), "https://gw.example.com/srv/mcp", body);

    [Theory]
    [InlineData("{'server': 'srv', 'methods': ['tools/list']}", """{"method": 5}""", false, "Access denied to srv.5")]
    [InlineData("{'server': 'srv', 'methods': ['all']}", """{"method": 5}""", true, null)]
    [InlineData("{'server': 'srv', 'methods': [5.0]}", """{"method": 5}""", true, null)]
    [InlineData("{'server': 'srv', 'methods': ['5']}", """{"method": 5}""", false, "Access denied to srv.5")]
    [InlineData("{'server': 'srv', 'methods': [1]}", """{"method": true}""", true, null)]
    [InlineData("{'server': 'srv', 'methods': [['tools/list']]}", """{"method": ["tools/list"]}""", true, null)]
    [InlineData("{'server': 'srv', 'methods': ['tools/list']}", """{"method": ["tools/list"]}""", false, "Access denied to srv.['tools/list']")]
    [InlineData("{'server': 'srv', 'methods': ['x']}", """{"method": {"a": 1}}""", false, "Access denied to srv.{'a': 1}")]
    [InlineData("{'server': 'srv', 'methods': ['x']}", """{"method": 1.5}""", false, "Access denied to srv.1.5")]
    [InlineData("{'server': 'srv', 'methods': ['x']}", """{"method": 1e3}""", false, "Access denied to srv.1000.0")]
    [InlineData("{'server': 'srv', 'methods': ['x'], 'tools': '*'}", """{"method": 0, "tool": 7}""", false, "Access denied to srv.7")]
    public void NonStringMethod_IsComparedAsThePythonValue(string rule, string body, bool allowed, string? detail)
    {
        var result = Send(rule, body);
        Assert.Equal(allowed, result.Allowed);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void NonStringMethod_AgainstAStringFieldDeniesOnError()
    {
        var result = Send("{'server': 'srv', 'methods': 'tools/list'}", """{"method": 5}""");
        Assert.False(result.Allowed);
        Assert.NotNull(result.DeniedOnError);
        Assert.Contains("raises TypeError", result.DeniedOnError!.Reason);
        Assert.Contains(result.Warnings, w => w.Contains("not a string"));
    }

    [Theory]
    [InlineData("['7']", """{"name": 7}""", false)]
    [InlineData("[7]", """{"name": 7}""", true)]
    [InlineData("'*'", """{"name": 7}""", false)]
    [InlineData("['tools/call']", """{"name": 0}""", true)]
    [InlineData("['tools/call']", """{"name": false}""", true)]
    [InlineData("['x']", """{"name": [1]}""", false)]
    public void NonStringToolName_IsComparedAsThePythonValue(string tools, string parameters, bool allowed)
    {
        var result = Send($"{{'server': 'srv', 'methods': ['tools/call'], 'tools': {tools}}}", $$"""{"method": "tools/call", "params": {{parameters}}}""");
        Assert.Equal(allowed, result.Allowed);
    }

    [Fact]
    public void EmptyServer_IsAUrlWithoutAServerSegmentWhichValidateLetsThrough()
    {
        var definitions = DefaultMcpScopes();
        var tester = new ScopeAccessTester(definitions);
        var none = EffectiveScopeResolver.ForCaller(definitions, null, null);
        var named = tester.Test(none, "", "tools/call", "anything");
        var url = tester.TestRequest(none, "https://gw.example.com/", null, "GET");

        Assert.True(named.Allowed);
        Assert.Equal(200, named.Status);
        Assert.Equal((url.Allowed, url.Status), (named.Allowed, named.Status));
        Assert.Contains(url.Warnings, w => w.Contains("No server name"));
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("-0", "0")]
    [InlineData("5.0", "5.0")]
    [InlineData("1e16", "1e+16")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("true", "True")]
    [InlineData("[1, \"a\", null]", "[1, 'a', None]")]
    [InlineData("{\"k\": [false]}", "{'k': [False]}")]
    public void PythonStr_OfJsonValues(string json, string text) =>
        Assert.Equal(text, PythonJsonValue.Str(System.Text.Json.JsonDocument.Parse(json).RootElement));

    private const string ToolsList = """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""";

    private static string Call(string tool) => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}";

    private static ScopeAccessResult SendYaml(string scopes, string body) =>
        TestRequest(ScopesYamlLoader.FromText("group_mappings:\n  g: [s, t]\n" + scopes), body);

    private static ScopeAccessResult SendDb(string documents, string body) => TestRequest(Db(documents), body);

    // scopes.yml (release 1.24's file backend), read with PyYAML's YAML 1.1 types.
    [Theory]
    [InlineData("s: [{server: srv, methods: tools/listing}]", ToolsList, true, null)]
    [InlineData("s: [{server: srv, methods: [Tools/List]}]", ToolsList, false, "Access denied to srv.tools/list")]
    [InlineData("s: [{server: ' srv', methods: [all]}]", ToolsList, false, "Access denied to srv.tools/list")]
    [InlineData("s: [{server: '/*/', methods: [all]}]", ToolsList, true, null)]
    [InlineData("s: [{server: '**', methods: [all]}]", ToolsList, false, "Access denied to srv.tools/list")]
    [InlineData("s: [{server: srv, methods: {tools/list: null}}]", ToolsList, true, null)]
    [InlineData("s: [{server: srv, methods: yes}]", ToolsList, false, "Access denied to srv.tools/list")]
    [InlineData("s: [{server: 0x0, methods: [all]}, {server: srv, methods: [all]}]", ToolsList, true, null)]
    [InlineData("s: [{server: 0x10, methods: [all]}, {server: srv, methods: [all]}]", ToolsList, false, "Access denied to srv.tools/list")]
    [InlineData("s: [{server: 2026-01-01, methods: [all]}, {server: srv, methods: [all]}]", ToolsList, false, "Access denied to srv.tools/list")]
    [InlineData("s:\nt: [{server: srv, methods: [all]}]", ToolsList, true, null)]
    [InlineData("s: 0\nt: [{server: srv, methods: [all]}]", ToolsList, true, null)]
    [InlineData("s: 5\nt: [{server: srv, methods: [all]}]", ToolsList, false, "Access denied to srv.tools/list")]
    public void ScopesYml_EdgeShapes_AsTheServerDecidesThem(string scopes, string body, bool allowed, string? detail)
    {
        var result = SendYaml(scopes, body);
        Assert.Equal((allowed, detail), (result.Allowed, result.Detail));
    }

    [Theory]
    [InlineData("s: [{server: srv, tools: current_time_by_timezone}]", "time", true)]
    [InlineData("s: [{server: srv, tools: ['x y']}]", "x y", true)]
    [InlineData("s: [{server: srv, tools: [get_time]}]", "GET_TIME", false)]
    [InlineData("s: [{server: srv, tools: [2026-01-01]}]", "2026-01-01", false)]
    [InlineData("s: [{server: srv, tools: [0x1F]}]", "0x1F", false)]
    [InlineData("s: [{server: srv, tools: [café]}]", "caf\\u00e9", true)]
    [InlineData("s: [{server: srv, tools: [café]}]", "cafe\\u0301", false)]
    [InlineData("s: [{server: srv, tools: '😀tool'}]", "\\ud83d", false)]
    [InlineData("s: [{server: srv, tools: '😀tool'}]", "\\ud83d\\ude00", true)]
    public void ScopesYml_ToolNameEdgeShapes(string scopes, string tool, bool allowed)
    {
        var result = SendYaml(scopes, Call(tool));
        Assert.Equal(allowed, result.Allowed);
        Assert.Equal(allowed ? null : "Access denied to srv.tools/call", result.Detail);
    }

    // mcp_scopes documents (release 1.30), flattened as _flatten_server_access does inside get_server_scopes.
    [Theory]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': ['server: srv', {'server': 'srv', 'methods': ['all']}]}]", false)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': {'server': 'srv', 'methods': ['all']}}]", false)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': [5, {'server': 'srv', 'methods': ['all']}]}]", false)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': [5]}, {'_id': 't', 'group_mappings': ['g'], 'server_access': [{'server': 'srv', 'methods': ['all']}]}]", true)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': [{'access_rules': 'abc'}]}, {'_id': 't', 'group_mappings': ['g'], 'server_access': [{'server': 'srv', 'methods': ['all']}]}]", false)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': [['access_rules'], {'server': 'srv', 'methods': ['all']}]}]", false)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': [{'access_rules': [{'server': '/srv/', 'tools': '*'}]}]}]", true)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': [{'server': 'srv', 'methods': 'tall'}]}]", true)]
    [InlineData("[{'_id': 's', 'group_mappings': ['g'], 'server_access': [{'server': 'srv', 'methods': ['ALL']}]}]", false)]
    public void McpScopes_EdgeShapes_AsTheServerDecidesThem(string documents, bool allowed)
    {
        var result = SendDb(documents, ToolsList);
        Assert.Equal((allowed, allowed ? null : "Access denied to srv.tools/list"), (result.Allowed, result.Detail));
    }
}
