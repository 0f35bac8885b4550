using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>Proxied entities as the operator names them and as GET /api/iam/proxied-entities lists them.</summary>
public class ProxiedEntityTests
{
    [Theory]
    [InlineData("skill", "/skills/pdf", "skill/skills/pdf")]
    [InlineData("skill", "skills/pdf/", "skill/skills/pdf")]
    [InlineData("a2a_agent", "/agents/travel-assistant", "a2a_agent/agents/travel-assistant")]
    [InlineData("workflow", "/workflow/w1", "workflow/workflow/w1")]
    public void Key_IsTheEntityTypeThenTheRegisteredPathWithoutItsSlashes(string type, string path, string key) =>
        Assert.Equal(key, ProxiedEntity.KeyOf(type, path));

    [Theory]
    [InlineData("skill/skills/pdf", "skill", "skills/pdf")]
    [InlineData("/a2a_agent/agents/travel/", "a2a_agent", "agents/travel")]
    [InlineData(" rest-endpoint/rest-endpoint/4f1c ", "rest-endpoint", "rest-endpoint/4f1c")]
    public void Parse_TheFirstSegmentIsTheEntityType(string text, string type, string path)
    {
        var entity = ProxiedEntity.Parse(text);
        Assert.Equal(type, entity.EntityType);
        Assert.Equal(path, entity.RegisteredPath);
        Assert.Equal($"{type}/{path}", entity.Key);
    }

    [Theory]
    [InlineData("skill")]
    [InlineData("skill/")]
    [InlineData("/")]
    [InlineData("")]
    public void Parse_AKeyWithoutAPathIsRefusedWithTheForm(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ProxiedEntity.Parse(text));
        Assert.Contains("{entity_type}/{registered_path}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_ReadsTheListingsShape_FromEntityTypeAndPath()
    {
        var entities = ProxiedEntityListReader.Parse("""
            {"proxied_entities": [
              {"entity_type": "skill", "path": "/skills/proxy-demo", "authz_key": "skill/skills/proxy-demo", "name": "Proxy Demo"},
              {"entity_type": "workflow", "path": "/workflow/w1", "authz_key": "workflow/workflow/w1", "name": "/workflow/w1"}
            ], "count": 2}
            """, "proxied.json");
        Assert.Equal(["skill/skills/proxy-demo", "workflow/workflow/w1"], entities.Select(e => e.Key));
        Assert.Equal("Proxy Demo", entities[0].Name);
    }

    [Fact]
    public void Reader_TakesABareArray_AndAnItemWithOnlyAnAuthzKey()
    {
        var entities = ProxiedEntityListReader.Parse("""[{"authz_key": "a2a_agent/agents/travel"}]""", "list.json");
        Assert.Equal("a2a_agent", entities.Single().EntityType);
        Assert.Equal("agents/travel", entities.Single().RegisteredPath);
    }

    [Theory]
    [InlineData("""{"count": 0}""", "holds no 'proxied_entities' array")]
    [InlineData("""{"proxied_entities": [{"entity_type": "skill"}]}""", "proxied_entities[0] has neither")]
    [InlineData("""{"proxied_entities": [{"authz_key": "skill"}]}""", "proxied_entities[0].authz_key")]
    [InlineData("""{"proxied_entities": [""", "is not JSON")]
    public void Reader_NamesTheItemAndFieldThatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<FileContentException>(() => ProxiedEntityListReader.Parse(json, "proxied.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("proxied.json", error.Path);
    }
}
