using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;
using static McpRegistryAuth.Core.Tests.Gateway.ValidateTestBed;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>
/// Server and tool names as nginx hands them to /validate: the request target percent-encoded as the client
/// sent it, and the body as an X-Body header whose bytes the auth server reads as Latin-1.
/// </summary>
public class NamesOnTheWireTests
{
    private static ScopeDefinitions Cafe(string server, string tool) => Db($$"""
        [{'_id': 'cafe-users', 'group_mappings': ['cafe'], 'server_access': [{'server': '{{server}}', 'methods': ['initialize', 'tools/list'], 'tools': ['{{tool}}']}]}]
        """);

    [Fact]
    public async Task Wire_ANonAsciiServerNameArrivesPercentEncoded()
    {
        var verdict = await Answer(Test(Cafe("café", "x")), Request(Kc("cafe"), "https://gw.example.com/café/mcp", ToolsList));
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Access denied to caf%C3%A9.tools/list", verdict.Detail);
        Assert.Contains(verdict.Warnings, w => w.Contains("'cafÃ©'"));

        // A rule written the way the name arrives matches it.
        Assert.Equal(200, (await Answer(Test(Cafe("caf%C3%A9", "x")), Request(Kc("cafe"), "https://gw.example.com/café/mcp", ToolsList))).Status);
    }

    [Fact]
    public async Task Wire_RawUtf8UrlBytesAreReadAsLatin1ByTheAuthServer()
    {
        // nginx copies the raw bytes of $request_uri into X-Original-URL; Starlette decodes header bytes as Latin-1.
        var raw = Request(Kc("cafe"), "https://gw.example.com/café/mcp", ToolsList) with { RawUrlBytes = true };
        var verdict = await Answer(Test(Cafe("café", "x")), raw);
        Assert.Equal(403, verdict.Status);
        Assert.Equal("Access denied to cafÃ©.tools/list", verdict.Detail);
        Assert.Equal("cafÃ©", verdict.ScopeAccess!.Server);
        Assert.Contains(verdict.Warnings, w => w.Contains("raw UTF-8 bytes", StringComparison.Ordinal) && w.Contains("/caf%C3%A9/mcp", StringComparison.Ordinal));

        // A rule that names the server as the auth server sees it matches; the percent-encoded name does not.
        Assert.Equal(200, (await Answer(Test(Cafe("cafÃ©", "x")), raw)).Status);
        Assert.Equal(403, (await Answer(Test(Cafe("caf%C3%A9", "x")), raw)).Status);

        // An ASCII URL is the same either way.
        var ascii = await Answer(Test(Cafe("cafe", "x")), Request(Kc("cafe"), "https://gw.example.com/cafe/mcp", ToolsList) with { RawUrlBytes = true });
        Assert.Equal(200, ascii.Status);
        Assert.DoesNotContain(ascii.Warnings, w => w.Contains("raw UTF-8", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://gw.example.com/café/mcp", false, "/caf%C3%A9/mcp")]
    [InlineData("https://gw.example.com/café/mcp", true, "/cafÃ©/mcp")]
    [InlineData("https://gw.example.com/日本/mcp", true, "/æ\u0097¥æ\u009c¬/mcp")]
    [InlineData("https://gw.example.com/a b/café", true, "/a%20b/cafÃ©")]
    public void OriginalUrl_PathAsTheAuthServerReadsIt(string url, bool raw, string path) =>
        Assert.Equal(System.Text.RegularExpressions.Regex.Unescape(path), new McpRegistryAuth.Core.Gateway.GatewayRequest(new Uri(url), rawUrlBytes: raw).Path);

    [Fact]
    public async Task Wire_ANonAsciiToolNameInTheBodyIsReadAsLatin1()
    {
        var definitions = Cafe("cafe", "get_café");
        const string Raw = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_café"}}""";
        const string Escaped = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_caf\u00e9"}}""";

        var raw = await Answer(Test(definitions), Request(Kc("cafe"), "https://gw.example.com/cafe/mcp", Raw));
        Assert.Equal(403, raw.Status);
        Assert.Equal("Access denied to cafe.tools/call", raw.Detail);
        Assert.Equal("get_cafÃ©", raw.ScopeAccess!.Tool);
        Assert.Contains(raw.Warnings, w => w.Contains("Latin-1"));

        var escaped = await Answer(Test(definitions), Request(Kc("cafe"), "https://gw.example.com/cafe/mcp", Escaped));
        Assert.Equal(200, escaped.Status);
        Assert.Equal("get_café", escaped.ScopeAccess!.Tool);

        var direct = new ScopeAccessTester(definitions).TestRequest(EffectiveScopeResolver.ForCaller(definitions, ["cafe"], null), "/cafe/mcp", Raw);
        Assert.False(direct.Allowed);
        Assert.Equal("get_cafÃ©", direct.Tool);
    }

    [Theory]
    [InlineData("{\"method\":\r\n\"tools/list\"}", "{\"method\": \"tools/list\"}")]
    [InlineData("{\"name\":\"é\"}", "{\"name\":\"Ã©\"}")]
    [InlineData("{\"name\":\"\\u00e9\"}", "{\"name\":\"\\u00e9\"}")]
    public void XBody_IsTheBodyAsTheAuthServerReadsTheHeader(string body, string seen) =>
        Assert.Equal(seen, GatewayRequestReader.XBody(body));
}
