using System.Text.Json;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.RealWorld;
using Xunit;

namespace McpRegistryAuth.Core.Tests.RegistryTasks;

/// <summary>Registry answers read into the records the cmdlets write, and the MCP URL as the gateway builds it.</summary>
public sealed class RegistryRecordTests
{
    private static readonly Uri Gateway = new("https://gw.example/root/");

    private static RegistryServerRecord Server(string json, string? etag = null)
    {
        using var document = JsonDocument.Parse(json);
        return RegistryServerRecord.From(document.RootElement, Gateway, etag);
    }

    [Theory]
    [InlineData("""{"path":"/weather"}""", "https://gw.example/root/weather/mcp")]
    [InlineData("""{"path":"/weather/"}""", "https://gw.example/root/weather/mcp")]
    [InlineData("""{"path":"/weather/mcp"}""", "https://gw.example/root/weather/mcp")]
    [InlineData("""{"path":"/legacy","supported_transports":["sse"]}""", "https://gw.example/root/legacy/sse")]
    [InlineData("""{"path":"/raw","append_mcp_path":false}""", "https://gw.example/root/raw")]
    [InlineData("""{"path":"/c7","mcp_endpoint":"https://mcp.context7.com/mcp"}""", "https://mcp.context7.com/mcp")]
    public void Url_IsTheOneTheGatewayBuilds(string json, string url) => Assert.Equal(url, Server(json).Url);

    [Fact]
    public void GatewayRecord_MapsToSharedNames()
    {
        var server = Server("""{"server_name":"Weather","path":"/weather","is_enabled":false,"tags":["a","b"],"num_tools":3,"proxy_pass_url":"http://w:8000/","updated_at":"2026-12-01T00:00:00Z"}""");
        Assert.Equal(("Weather", "/weather", false, 3, "http://w:8000/"), (server.Name, server.Path, server.Enabled, server.ToolCount, server.ProxyPassUrl));
        Assert.Equal(["a", "b"], server.Tags);
        Assert.Equal("W/\"1796083200000\"", server.ETag); // 2026-12-01T00:00:00Z in epoch milliseconds
    }

    [Fact]
    public void ETagHeader_WinsOverUpdatedAt() => Assert.Equal("W/\"5\"", Server("""{"path":"/w","updated_at":"2026-12-01T00:00:00Z"}""", "W/\"5\"").ETag);

    [Fact]
    public void V01Entry_TakesItsNameAndFirstRemote()
    {
        var server = Server("""{"server":{"name":"io.example/weather","version":"1.2.0","remotes":[{"type":"streamable-http","url":"https://gw.example/weather/mcp"}]},"_meta":{}}""");
        Assert.Equal(("io.example/weather", null, "https://gw.example/weather/mcp", "1.2.0"), (server.Name, server.Path, server.Url, server.Version));
    }

    [Theory]
    [InlineData("""{"groups":[{"name":"ops","servers":["a","b"]}]}""")]
    [InlineData("""{"groups":{"ops":{"servers":[{"server_name":"a"},{"server_name":"b"}]}}}""")]
    [InlineData("""[{"group_name":"ops","server_names":"a, b"}]""")]
    public void Groups_FromEachListingShape(string json)
    {
        using var document = JsonDocument.Parse(json);
        var group = Assert.Single(RegistryGroupRecord.FromListing(document.RootElement));
        Assert.Equal("ops", group.Name);
        Assert.Equal(["a", "b"], group.Servers);
    }

    [Fact]
    public void Agent_MapsToSharedNames()
    {
        using var document = JsonDocument.Parse("""{"name":"travel","path":"/travel","url":"http://t:9000/","is_enabled":true,"skills":[{},{}]}""");
        var agent = RegistryAgentRecord.From(document.RootElement);
        Assert.Equal(("travel", "/travel", "http://t:9000/", true, 2), (agent.Name, agent.Path, agent.Url, agent.Enabled, agent.SkillCount));
    }

    [RealWorldFact]
    public void GroupImportFile_ReadsTheGatewaysOwnExamples()
    {
        var files = RealWorldFiles.FilesUnder("gateway/latest-8c5b834b/cli-examples", "*.json");
        Assert.Equal(5, files.Count);
        var names = files.Select(f => Assert.Single(GroupImportFile.Read(RealWorldFiles.PathOf(f)).Groups).ScopeName).ToList();
        Assert.Contains("currenttime-users", names);
        Assert.Contains("virtual-scoped-tools-users", names);
    }

    [Fact]
    public void GroupImportFile_WithoutScopeName_IsRefusedNamingTheFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"group-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"server_access":[{"server":"a","methods":["initialize"],"tools":["*"]}],"group_mappings":["g"]}""");
        try
        {
            var error = Assert.Throws<CommandFailureException>(() => GroupImportFile.Read(file));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void GroupImportFile_NotJson_IsRefusedWithItsLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"group-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{\n  \"scope_name\": \"g\",\n  oops\n}");
        try
        {
            var error = Assert.Throws<CommandFailureException>(() => GroupImportFile.Read(file));
            Assert.Equal("GroupFileInvalid", error.ErrorId);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
