using Xunit;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway.TokenFiles;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Tests.Gateway.TokenFiles;

public sealed class GatewayTokenSourcesTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory work = new();
    private readonly TempDirectory home = new();
    private readonly Dictionary<string, string> variables = new();

    public void Dispose()
    {
        work.Dispose();
        home.Dispose();
    }

    private GatewayTokenEnvironment Environment => new() { Variable = n => variables.GetValueOrDefault(n), CurrentDirectory = work.Path, HomeDirectory = home.Path };

    private string WriteIngress(string token, double? expiresAt, bool nested = false)
    {
        Directory.CreateDirectory(work.File(".oauth-tokens"));
        var expires = expiresAt is { } e ? $", \"expires_at\": {e.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "";
        var body = nested ? $"{{\"tokens\": {{\"access_token\": \"{token}\"}}{expires}}}" : $"{{\"provider\": \"keycloak_m2m\", \"access_token\": \"{token}\"{expires}}}";
        return work.Write(Path.Combine(".oauth-tokens", "ingress.json"), body);
    }

    private string WriteHomeToken(string token)
    {
        Directory.CreateDirectory(home.File(".mcp"));
        return home.Write(Path.Combine(".mcp", "ingress_token"), token + "\n");
    }

    [Fact]
    public void McpUtils_TakesMcpAuthToken_BeforeIngressJson()
    {
        WriteIngress("from-file", Now.AddHours(1).ToUnixTimeSeconds());
        variables["MCP_AUTH_TOKEN"] = "from-variable";
        var found = GatewayTokenSources.Locate(GatewayTool.McpUtils, Environment, null, Now);
        Assert.Equal("from-variable", found.Token.Reveal());
        Assert.Equal("MCP_AUTH_TOKEN", found.Source);
        Assert.Single(found.Checks);
    }

    [Fact]
    public void McpUtils_IgnoresMcpGatewayToken_AndReadsIngressJson()
    {
        variables["MCP_GATEWAY_TOKEN"] = "ts-only";
        var path = WriteIngress("from-file", Now.AddHours(1).ToUnixTimeSeconds());
        var found = GatewayTokenSources.Locate(GatewayTool.McpUtils, Environment, null, Now);
        Assert.Equal("from-file", found.Token.Reveal());
        Assert.Equal(path, found.Source);
        Assert.Equal([GatewayTokenFileCheckNames.Variable, GatewayTokenFileCheckNames.File, GatewayTokenFileCheckNames.ExpiresAt], found.Checks.Select(c => c.Name));
        Assert.False(found.Checks[0].Passed);
    }

    [Fact]
    public void McpUtils_AcceptsTheNestedTokensObject()
    {
        WriteIngress("nested-token", null, nested: true);
        Assert.Equal("nested-token", GatewayTokenSources.Locate(GatewayTool.McpUtils, Environment, null, Now).Token.Reveal());
    }

    [Fact]
    public void McpUtils_ExpiredIngressJson_IsRefused_NamingEachSourceTried()
    {
        WriteIngress("old-token", Now.AddMinutes(-5).ToUnixTimeSeconds() + 0.25);
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenSources.Locate(GatewayTool.McpUtils, Environment, null, Now));
        Assert.Equal("GatewayTokenNotFound", ex.ErrorId);
        Assert.Contains("MCP_AUTH_TOKEN is not set", ex.Message);
        Assert.Contains("expires_at 2026-12-02 05:55:00 UTC (4m 59s ago)", ex.Message);
        Assert.DoesNotContain("old-token", ex.Message);
    }

    [Fact]
    public void TypeScriptCli_Order_IsVariableThenIngressThenHomeFile()
    {
        var ingress = WriteIngress("ingress", Now.AddHours(1).ToUnixTimeSeconds());
        WriteHomeToken("home");
        variables["MCP_GATEWAY_TOKEN"] = "variable";
        Assert.Equal("variable", GatewayTokenSources.Locate(GatewayTool.TypeScriptCli, Environment, null, Now).Token.Reveal());
        variables.Clear();
        Assert.Equal("ingress", GatewayTokenSources.Locate(GatewayTool.TypeScriptCli, Environment, null, Now).Token.Reveal());
        File.Delete(ingress);
        var found = GatewayTokenSources.Locate(GatewayTool.TypeScriptCli, Environment, null, Now);
        Assert.Equal("home", found.Token.Reveal());
        Assert.Equal(home.File(Path.Combine(".mcp", "ingress_token")), found.Source);
    }

    [Fact]
    public void TypeScriptCli_IgnoresMcpAuthToken()
    {
        variables["MCP_AUTH_TOKEN"] = "python-only";
        WriteHomeToken("home");
        Assert.Equal("home", GatewayTokenSources.Locate(GatewayTool.TypeScriptCli, Environment, null, Now).Token.Reveal());
    }

    [Fact]
    public void TypeScriptCli_SkipsAnExpiredIngressJson_ForTheHomeFile()
    {
        WriteIngress("expired", Now.AddSeconds(-1).ToUnixTimeSeconds());
        WriteHomeToken("home");
        var found = GatewayTokenSources.Locate(GatewayTool.TypeScriptCli, Environment, null, Now);
        Assert.Equal("home", found.Token.Reveal());
        Assert.Contains(found.Checks, c => c.Name == GatewayTokenFileCheckNames.ExpiresAt && !c.Passed);
    }

    [Fact]
    public void ExpiresAt_IsoString_WithZ_IsRead()
    {
        Directory.CreateDirectory(work.File(".oauth-tokens"));
        work.Write(Path.Combine(".oauth-tokens", "ingress.json"), """{"access_token":"t","expires_at":"2026-12-02T05:59:59Z"}""");
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenSources.Locate(GatewayTool.McpUtils, Environment, null, Now));
        Assert.Contains("expires_at 2026-12-02 05:59:59 UTC (1s ago)", ex.Message);
    }

    [Fact]
    public void RegistryManagement_ReadsOnlyItsTokenFile_AsTheCliDoes()
    {
        variables["MCP_AUTH_TOKEN"] = "ignored";
        var file = work.Write("token.json", """{"token_data":{"access_token":"cli-token"}}""");
        var found = GatewayTokenSources.Locate(GatewayTool.RegistryManagement, Environment, file, Now);
        Assert.Equal("cli-token", found.Token.Reveal());
        Assert.Contains("token_data.access_token", found.Checks.Single().Observed);
    }

    [Fact]
    public void RegistryManagement_WithoutTokenFile_SaysItWouldRunGetM2mToken()
    {
        var ex = Assert.Throws<CommandFailureException>(() => GatewayTokenSources.Locate(GatewayTool.RegistryManagement, Environment, null, Now));
        Assert.Contains("get-m2m-token.sh", ex.Fix);
    }

    [Fact]
    public void RegistryManagement_MissingTokenFile_IsAnError()
    {
        var ex = Assert.Throws<FileContentException>(() => GatewayTokenSources.Locate(GatewayTool.RegistryManagement, Environment, work.File("absent.json"), Now));
        Assert.Equal("TokenFileNotFound", ex.ErrorId);
    }

    [Fact]
    public void IngressJson_WithoutAccessToken_IsAnErrorNamingTheFile()
    {
        Directory.CreateDirectory(work.File(".oauth-tokens"));
        var path = work.Write(Path.Combine(".oauth-tokens", "ingress.json"), """{"provider":"keycloak_m2m","token":"x"}""");
        var ex = Assert.Throws<FileContentException>(() => GatewayTokenSources.Locate(GatewayTool.McpUtils, Environment, null, Now));
        Assert.Equal("TokenFileNoAccessToken", ex.ErrorId);
        Assert.Contains(path, ex.Message);
    }
}
