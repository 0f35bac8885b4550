using System.Text.Json;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.McpProtocol;
using McpRegistryAuth.Core.Tests.Reporting;
using Xunit;

namespace McpRegistryAuth.Core.Tests.McpProtocol;

/// <summary>
/// The prediction against the gateway emulation's fixed table (tests/fixtures/mcp-server): the table was
/// written by hand from the gateway's rules; the prediction comes from the module's FGAC evaluation of the
/// scope file beside it. They must agree on every tool for every caller.
/// </summary>
public class McpToolAccessPredictorTests
{
    private static string Fixture(string name) =>
        Path.Combine(typeof(McpToolAccessPredictorTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!, "tests", "fixtures", "mcp-server", name);

    [Fact]
    public void Prediction_AgreesWithTheGatewayEmulationsFixedTable_OnEveryToolForEveryGroup()
    {
        var definitions = ScopesPathLoader.Load(Fixture("gateway-scopes.yml"), new RecordingReport());
        using var table = JsonDocument.Parse(File.ReadAllText(Fixture("gateway-table.json")));
        var endpoint = new Uri("http://127.0.0.1:8080/" + table.RootElement.GetProperty("server").GetString() + "/mcp");
        var compared = 0;
        foreach (var group in table.RootElement.GetProperty("toolsCall").EnumerateObject())
        {
            var predictor = new McpToolAccessPredictor(definitions, EffectiveScopeResolver.ForCaller(definitions, [group.Name], null));
            foreach (var tool in group.Value.EnumerateObject())
            {
                var (allowed, detail) = predictor.Predict(endpoint, tool.Name);
                Assert.True(allowed == (tool.Value.GetInt32() == 200), $"{group.Name} {tool.Name}: predicted {allowed} ({detail}), the table says {tool.Value.GetInt32()}");
                compared++;
            }
        }

        Assert.Equal(6, compared);
    }

    [Fact]
    public void Denied_SaysWhatTheGatewayLogs()
    {
        var definitions = ScopesPathLoader.Load(Fixture("gateway-scopes.yml"), new RecordingReport());
        var predictor = new McpToolAccessPredictor(definitions, EffectiveScopeResolver.ForCaller(definitions, ["fixture-users"], null));
        var (allowed, detail) = predictor.Predict(new Uri("https://gw.example.com/fixture/mcp"), "add");
        Assert.False(allowed);
        Assert.Equal("Access denied to fixture.tools/call", detail);
    }

    [Fact]
    public void CallBody_IsAToolsCallWithTheName() =>
        Assert.Equal("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{}}}", McpToolAccessPredictor.CallBody("echo"));
}
