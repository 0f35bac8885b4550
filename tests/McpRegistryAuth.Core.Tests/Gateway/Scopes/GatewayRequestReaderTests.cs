using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Server, method and tool as /validate (spec 6.3) and the proxy hop (spec 6.4) derive them.</summary>
public class GatewayRequestReaderTests
{
    [Theory]
    [InlineData("https://gw.example.com/currenttime/mcp", "currenttime", "mcp")]
    [InlineData("https://gw.example.com/currenttime/sse", "currenttime", "sse")]
    [InlineData("/currenttime/messages", "currenttime", "messages")]
    public void Request_BodylessRequestIsCheckedAsItsTransportEndpoint(string url, string server, string method)
    {
        var target = GatewayRequestReader.ForValidate(url);
        Assert.Equal(server, target.ServerName);
        Assert.Equal(method, target.Method);
    }

    [Fact]
    public void Request_NoBodyAndNoTransportSegmentIsInitialize()
    {
        var target = GatewayRequestReader.ForValidate("https://gw/currenttime/");
        Assert.Equal("currenttime", target.ServerName);
        Assert.Equal("initialize", target.Method);
    }

    [Fact]
    public void Request_ApiPathsHaveNoServerSoNoFgac()
    {
        Assert.Null(GatewayRequestReader.ForValidate("https://gw/api/servers").ServerName);
    }

    [Fact]
    public void Request_ApiWithTransportSuffixIsStillAServer()
    {
        // parts[-1] in {mcp, sse, messages} is tested before the /api exemption.
        Assert.Equal("api", GatewayRequestReader.ForValidate("/api/mcp").ServerName);
    }

    [Theory]
    [InlineData("https://gw/v0.1/servers", "v0.1/servers")]
    [InlineData("https://gw/v0.1/servers/io.github.x%2Fy/versions", "v0.1/servers/io.github.x%2Fy/versions")]
    public void Request_V01IsCheckedAsServerV01SlashRest(string url, string server)
    {
        var target = GatewayRequestReader.ForValidate(url);
        Assert.Equal(server, target.ServerName);
        Assert.Equal("initialize", target.Method);
    }

    [Fact]
    public void Request_FederatedServerKeepsTheFullPath()
    {
        Assert.Equal("peer-lob1/cloudflare-docs", GatewayRequestReader.ForValidate("https://gw/peer-lob1/cloudflare-docs/mcp").ServerName);
    }

    [Fact]
    public void Request_QueryStringAndFragmentAreIgnored()
    {
        var target = GatewayRequestReader.ForValidate("https://gw/currenttime/mcp?session=1#x");
        Assert.Equal("currenttime", target.ServerName);
        Assert.Equal("mcp", target.Method);
    }

    [Fact]
    public void Request_RegistryRootPathIsRemovedAsAPlainStringPrefix()
    {
        Assert.Equal("currenttime", GatewayRequestReader.ForValidate("https://gw/gw/currenttime/mcp", registryRootPath: "/gw").ServerName);
        Assert.Equal("tools", GatewayRequestReader.ForValidate("https://gw/gwtools/mcp", registryRootPath: "/gw/").ServerName);
    }

    [Fact]
    public void Request_JsonRpcMethodAndToolComeFromTheBody()
    {
        var target = GatewayRequestReader.ForValidate("https://gw/currenttime/mcp", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"current_time_by_timezone\",\"arguments\":{}}}");
        Assert.Equal("tools/call", target.Method);
        Assert.Equal("current_time_by_timezone", target.ToolName);
    }

    [Fact]
    public void Request_MethodFallsBackThroughToolNameAndParams()
    {
        Assert.Equal("x", GatewayRequestReader.ForValidate("/srv/mcp", "{\"tool\":\"x\",\"name\":\"y\"}").Method);
        Assert.Equal("y", GatewayRequestReader.ForValidate("/srv/mcp", "{\"name\":\"y\",\"params\":{\"name\":\"z\"}}").Method);
        Assert.Equal("z", GatewayRequestReader.ForValidate("/srv/mcp", "{\"params\":{\"name\":\"z\",\"method\":\"w\"}}").Method);
        Assert.Equal("w", GatewayRequestReader.ForValidate("/srv/mcp", "{\"method\":\"\",\"params\":{\"method\":\"w\"}}").Method);
    }

    [Fact]
    public void Request_BatchBodyIsCheckedAsTheEndpoint()
    {
        var target = GatewayRequestReader.ForValidate("/srv/mcp", "[{\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}]");
        Assert.Equal("mcp", target.Method);
        Assert.Null(target.ToolName);
        Assert.Contains(target.Warnings, w => w.Contains("batch"));
    }

    [Fact]
    public void Request_UnparsableBodyIs400()
    {
        var target = GatewayRequestReader.ForValidate("/srv/mcp", "not json");
        Assert.Equal(400, target.RejectStatus);
        Assert.Equal("Request body could not be parsed for authorization", target.RejectDetail);
    }

    [Fact]
    public void Request_UninspectableBodyIs413BeforeTheBodyIsRead()
    {
        var target = GatewayRequestReader.ForValidate("/srv/mcp", "not json", bodyUninspectable: true);
        Assert.Equal(413, target.RejectStatus);
    }

    [Fact]
    public void Request_AgentPathsSkipFgac()
    {
        var target = GatewayRequestReader.ForValidate("https://gw/agent/code-reviewer/");
        Assert.True(target.IsAgentPath);
        Assert.Null(target.ServerName);
    }

    [Fact]
    public void Hop_BodylessPostIsInitializeNotTheEndpoint()
    {
        var hop = GatewayRequestReader.ForProxyHop("https://gw/currenttime/mcp", null);
        Assert.Equal("currenttime", hop!.ServerName);
        Assert.Equal("initialize", hop.Method);
    }

    [Fact]
    public void Hop_BatchIsRefusedWith403()
    {
        var hop = GatewayRequestReader.ForProxyHop("/srv/mcp", "[{\"method\":\"ping\"}]");
        Assert.Equal(403, hop!.RejectStatus);
        Assert.Equal("Request body could not be authorized", hop.RejectDetail);
    }

    [Fact]
    public void Hop_OnlyPostExists()
    {
        Assert.Equal(405, GatewayRequestReader.ForProxyHop("/srv/mcp", null, "GET")!.RejectStatus);
    }

    [Fact]
    public void Hop_ServerDropsEmptySegmentsAndOneTransportSegment()
    {
        Assert.Equal("a/b", GatewayRequestReader.ForProxyHop("/a//b/mcp/", "{\"method\":\"ping\"}")!.ServerName);
        Assert.Equal("mcp", GatewayRequestReader.ForProxyHop("/mcp", "{\"method\":\"ping\"}")!.ServerName);
        Assert.Null(GatewayRequestReader.ForProxyHop("/v0.1/servers"));
    }

    [Fact]
    public void Request_RootPathHasNoServerSoNoFgac()
    {
        Assert.Null(GatewayRequestReader.ForValidate("https://gw/").ServerName);
        Assert.Null(GatewayRequestReader.ForValidate("https://gw/gw/", registryRootPath: "/gw").ServerName);
    }
}
