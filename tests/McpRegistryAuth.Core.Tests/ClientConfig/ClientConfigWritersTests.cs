using System.Text.Json;
using System.Text.Json.Nodes;
using McpRegistryAuth.Core.ClientConfig;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Reporting;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ClientConfig;

public class ClientConfigWritersTests
{
    private const string Url = "https://gw.example.com/currenttime/mcp";

    private static readonly ResolvedServer Server = new("currenttime", new Uri(Url), SseOnly: false);

    private static ClientCredential Credential(bool include = false, string? profile = null) => new()
    {
        HeaderName = "X-Authorization",
        Token = new Secret("tok-0123456789"),
        IncludeToken = include,
        Profile = profile,
        PwshPath = "/opt/pwsh/pwsh",
        ModulePath = "/opt/modules/McpRegistryAuth/0.1.0/McpRegistryAuth.psd1",
    };

    private static JsonNode Export(TempDirectory temp, McpClient client, ClientCredential credential, ConfigScope? scope = null)
    {
        var context = new ClientConfigContext(temp.File("home"), temp.File("appdata"), temp.File("project"), IsWindows: false);
        var result = ClientConfigExport.Run(new ClientConfigRequest { Client = client, Scope = scope, Servers = [Server], Credential = credential, Context = context }, new RecordingReport(), (_, _) => true);
        Assert.Equal("Created", result.Action);
        return JsonNode.Parse(File.ReadAllText(result.Path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
    }

    [Fact]
    public void VSCodeHasServersWithTypeUrlHeadersAndAPasswordInput()
    {
        using var temp = new TempDirectory();
        var file = Export(temp, McpClient.VSCode, Credential());
        var entry = file["servers"]!["currenttime"]!;
        Assert.Equal("http", (string?)entry["type"]);
        Assert.Equal(Url, (string?)entry["url"]);
        Assert.Equal("Bearer ${input:mcp-gateway-token}", (string?)entry["headers"]!["X-Authorization"]);
        var input = file["inputs"]!.AsArray().Single()!;
        Assert.Equal("promptString", (string?)input["type"]);
        Assert.Equal("mcp-gateway-token", (string?)input["id"]);
        Assert.True((bool)input["password"]!);
        Assert.False(string.IsNullOrEmpty((string?)input["description"]));
        Assert.True(File.Exists(Path.Combine(temp.File("appdata"), "Code", "User", "mcp.json")));
    }

    [Fact]
    public void ClaudeCodeWithAProfileRunsTheModuleAsHeadersHelper()
    {
        using var temp = new TempDirectory();
        var file = Export(temp, McpClient.ClaudeCode, Credential(profile: "gw"));
        var entry = file["projects"]![temp.File("project")]!["mcpServers"]!["currenttime"]!;
        Assert.Equal("http", (string?)entry["type"]);
        Assert.Equal(Url, (string?)entry["url"]);
        Assert.Null(entry["headers"]);
        Assert.Equal(
            "\"/opt/pwsh/pwsh\" -NoProfile -NonInteractive -Command \"Import-Module '/opt/modules/McpRegistryAuth/0.1.0/McpRegistryAuth.psd1'; Get-McpAccessToken -Profile 'gw' -RegistryType Gateway -RegistryUri 'https://gw.example.com/currenttime/mcp' -As HeaderJson -AsPlainText\"",
            (string?)entry["headersHelper"]);
    }

    [Theory]
    [InlineData(ConfigScope.User)]
    [InlineData(ConfigScope.Project)]
    public void ClaudeCodeWithoutAProfileReadsTheVariable(ConfigScope scope)
    {
        using var temp = new TempDirectory();
        var file = Export(temp, McpClient.ClaudeCode, Credential(), scope);
        Assert.Equal("Bearer ${MCP_GATEWAY_TOKEN}", (string?)file["mcpServers"]!["currenttime"]!["headers"]!["X-Authorization"]);
        Assert.True(File.Exists(scope == ConfigScope.User ? Path.Combine(temp.File("home"), ".claude.json") : Path.Combine(temp.File("project"), ".mcp.json")));
    }

    [Fact]
    public void CursorHasUrlAndEnvHeadersWithoutType()
    {
        using var temp = new TempDirectory();
        var entry = Export(temp, McpClient.Cursor, Credential())["mcpServers"]!["currenttime"]!.AsObject();
        Assert.Equal(["url", "headers"], entry.Select(p => p.Key));
        Assert.Equal("Bearer ${env:MCP_GATEWAY_TOKEN}", (string?)entry["headers"]!["X-Authorization"]);
    }

    [Fact]
    public void WindsurfUsesServerUrl()
    {
        using var temp = new TempDirectory();
        var entry = Export(temp, McpClient.Windsurf, Credential())["mcpServers"]!["currenttime"]!.AsObject();
        Assert.Equal(Url, (string?)entry["serverUrl"]);
        Assert.Null(entry["url"]);
        Assert.True(File.Exists(Path.Combine(temp.File("home"), ".codeium", "windsurf", "mcp_config.json")));
    }

    [Theory]
    [InlineData(McpClient.RooCode)]
    [InlineData(McpClient.GatewayRoo)]
    public void RooShapedEntriesSayStreamableHttp(McpClient client)
    {
        using var temp = new TempDirectory();
        var entry = Export(temp, client, Credential())["mcpServers"]!["currenttime"]!;
        Assert.Equal("streamable-http", (string?)entry["type"]);
        Assert.Equal(Url, (string?)entry["url"]);
        Assert.False((bool)entry["disabled"]!);
        Assert.Empty(entry["alwaysAllow"]!.AsArray());
    }

    [Fact]
    public void ClineNeedsIncludeTokenAndSaysStreamableHttpInCamelCase()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<CommandFailureException>(() => Export(temp, McpClient.Cline, Credential()));
        Assert.Equal("ClientConfigTokenRequired", error.ErrorId);

        var entry = Export(temp, McpClient.Cline, Credential(include: true))["mcpServers"]!["currenttime"]!;
        Assert.Equal("streamableHttp", (string?)entry["type"]);
        Assert.Equal("Bearer tok-0123456789", (string?)entry["headers"]!["X-Authorization"]);
        Assert.Empty(entry["autoApprove"]!.AsArray());
        var path = Path.Combine(temp.File("appdata"), "Code", "User", "globalStorage", "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void ClaudeDesktopRunsTheBridgeWithNoSpaceInAnyArgument()
    {
        using var temp = new TempDirectory();
        var entry = Export(temp, McpClient.ClaudeDesktop, Credential(profile: "gw"))["mcpServers"]!["currenttime"]!;
        Assert.Equal("/opt/pwsh/pwsh", (string?)entry["command"]);
        var args = entry["args"]!.AsArray().Select(a => (string)a!).ToList();
        var bridge = Path.Combine(temp.File("appdata"), "Claude", BridgeScript.FileName);
        Assert.Equal(["-NoProfile", "-NonInteractive", "-File", bridge, "-Url", Url, "-HeaderName", "X-Authorization", "-Profile", "gw", "-ModulePath", "/opt/modules/McpRegistryAuth/0.1.0/McpRegistryAuth.psd1"], args);
        Assert.DoesNotContain(args, a => a.Contains(' ', StringComparison.Ordinal));
        Assert.Null(entry["env"]);
        Assert.Equal(BridgeScript.Text, File.ReadAllText(bridge));
    }

    [Fact]
    public void GatewayVSCodeIsTheLegacyMcpServersShape()
    {
        using var temp = new TempDirectory();
        var entry = Export(temp, McpClient.GatewayVSCode, Credential(include: true))["mcp"]!["servers"]!["currenttime"]!.AsObject();
        Assert.Equal(["url", "headers"], entry.Select(p => p.Key));
        Assert.Equal("Bearer tok-0123456789", (string?)entry["headers"]!["X-Authorization"]);
        Assert.True(File.Exists(Path.Combine(temp.File("project"), ".oauth-tokens", "vscode_mcp.json")));
    }

    [Fact]
    public void AScopeTheClientDoesNotHaveIsRefused()
    {
        var error = Assert.Throws<CommandFailureException>(() => ClientConfigWriter.For(McpClient.Windsurf).ScopeFor(ConfigScope.Project));
        Assert.Equal("ClientConfigScopeNotSupported", error.ErrorId);
    }

    [Theory]
    [InlineData("/currenttime", true, false, "https://gw.example.com/currenttime/mcp")]
    [InlineData("/currenttime/", true, false, "https://gw.example.com/currenttime/mcp")]
    [InlineData("/already/mcp", true, false, "https://gw.example.com/already/mcp")]
    [InlineData("/raw", false, false, "https://gw.example.com/raw")]
    [InlineData("/old", true, true, "https://gw.example.com/old/sse")]
    public void TheUrlIsBuiltAsTheGatewayBuildsIt(string path, bool append, bool sse, string expected)
    {
        var resolved = McpServerUrl.Resolve(new ClientServer { Path = path, AppendMcpPath = append, SseOnly = sse }, new Uri("https://gw.example.com/"));
        Assert.Equal(expected, resolved.Url.AbsoluteUri);
        Assert.Equal(path.Trim('/').Replace('/', '-'), resolved.Name);
    }

    [Fact]
    public void AGatewayUnderARootPathKeepsIt()
    {
        var resolved = McpServerUrl.Resolve(new ClientServer { Path = "/time", Name = "t" }, new Uri("https://host.example.com/gateway"));
        Assert.Equal("https://host.example.com/gateway/time/mcp", resolved.Url.AbsoluteUri);
        Assert.Equal("t", resolved.Name);
    }
}
