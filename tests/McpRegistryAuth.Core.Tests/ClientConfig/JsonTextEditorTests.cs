using Xunit;
using System.Text.Json.Nodes;
using McpRegistryAuth.Core.ClientConfig;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Tests.ClientConfig;

public class JsonTextEditorTests
{
    private static readonly JsonObject Entry = new() { ["type"] = "http", ["url"] = "https://gw.example.com/time/mcp" };

    [Fact]
    public void AddingAServerKeepsCommentsTrailingCommasAndOtherServersByteForByte()
    {
        var before = "// my VS Code MCP servers\n{\n\t\"servers\": {\n\t\t\"local\": { \"command\": \"node\", /* keep */ \"args\": [\"a.js\",], }, // mine\n\t},\n\t\"other\": 1,\n}\n";
        var after = JsonTextEditor.SetMember(before, jsonc: true, ["servers"], "time", Entry, out var replaced);

        Assert.False(replaced);
        Assert.Equal(
            "// my VS Code MCP servers\n{\n\t\"servers\": {\n\t\t\"local\": { \"command\": \"node\", /* keep */ \"args\": [\"a.js\",], }, // mine\n" +
            "\t\t\"time\": {\n\t\t\t\"type\": \"http\",\n\t\t\t\"url\": \"https://gw.example.com/time/mcp\"\n\t\t},\n\t},\n\t\"other\": 1,\n}\n",
            after);
        Assert.NotNull(JsonTextEditor.ParseRoot(after, jsonc: true));
    }

    [Fact]
    public void AddingWithoutTrailingCommaPutsTheCommaAfterTheLastValueAndKeepsItsComment()
    {
        var before = "{\r\n  \"mcpServers\": {\r\n    \"a\": {\"url\": \"x\"} // note\r\n  },\r\n  \"theme\": \"dark\"\r\n}";
        var after = JsonTextEditor.SetMember(before, jsonc: true, ["mcpServers"], "b", new JsonObject { ["url"] = "y" }, out _);

        Assert.Equal("{\r\n  \"mcpServers\": {\r\n    \"a\": {\"url\": \"x\"}, // note\r\n    \"b\": {\r\n      \"url\": \"y\"\r\n    }\r\n  },\r\n  \"theme\": \"dark\"\r\n}", after);
    }

    [Fact]
    public void MissingContainersAreCreatedInsideTheRootAndTheRestIsKept()
    {
        var before = "{\n    \"numStartups\": 3,\n    \"projects\": {\n        \"/other\": {\"allowedTools\": []}\n    }\n}\n";
        var after = JsonTextEditor.SetMember(before, jsonc: false, ["projects", "/work/app", "mcpServers"], "time", Entry, out _);

        Assert.StartsWith("{\n    \"numStartups\": 3,\n    \"projects\": {\n        \"/other\": {\"allowedTools\": []},\n        \"/work/app\": {\n            \"mcpServers\": {\n                \"time\": {\n", after, StringComparison.Ordinal);
        var parsed = JsonNode.Parse(after)!;
        Assert.Equal("https://gw.example.com/time/mcp", (string?)parsed["projects"]!["/work/app"]!["mcpServers"]!["time"]!["url"]);
        Assert.Equal(3, (int)parsed["numStartups"]!);
    }

    [Fact]
    public void ReplacingAnEntryChangesOnlyItsValue()
    {
        var before = "{\"mcpServers\": {\"time\": {\"url\": \"old\"}, \"keep\": {\"url\": \"k\"}}, \"x\": [1, 2]}";
        var after = JsonTextEditor.SetMember(before, jsonc: false, ["mcpServers"], "time", new JsonObject { ["url"] = "new" }, out var replaced);

        Assert.True(replaced);
        Assert.Equal("{\"mcpServers\": {\"time\": {\n  \"url\": \"new\"\n}, \"keep\": {\"url\": \"k\"}}, \"x\": [1, 2]}", after);
    }

    [Fact]
    public void AnEmptyFileBecomesAnObjectWithTheContainer()
    {
        var after = JsonTextEditor.SetMember("", jsonc: false, ["mcp", "servers"], "time", Entry, out _);
        Assert.Equal("https://gw.example.com/time/mcp", (string?)JsonNode.Parse(after)!["mcp"]!["servers"]!["time"]!["url"]);
    }

    [Fact]
    public void AnArrayItemIsAddedOnceAndTheArrayKeepsItsOtherItems()
    {
        var before = "{\n  \"inputs\": [\n    {\"id\": \"other\"}, // theirs\n  ],\n  \"servers\": {}\n}";
        var item = new JsonObject { ["id"] = "mine" };
        bool Matches(JsonTextNode n) => n.Member("id")?.Value.Text == "mine";
        var once = JsonTextEditor.EnsureArrayItem(before, jsonc: true, "inputs", item, Matches);
        var twice = JsonTextEditor.EnsureArrayItem(once, jsonc: true, "inputs", item, Matches);

        Assert.Equal("{\n  \"inputs\": [\n    {\"id\": \"other\"}, // theirs\n    {\n      \"id\": \"mine\"\n    },\n  ],\n  \"servers\": {}\n}", once);
        Assert.Equal(once, twice);
    }

    [Theory]
    [InlineData("{\"a\": 1,}", false, "line 1, column 9: a trailing comma before '}' is not JSON")]
    [InlineData("{\n  // c\n  \"a\": 1}", false, "line 2, column 3: comments are not JSON (this client reads the file as strict JSON)")]
    [InlineData("{\n  \"a\": tru\n}", true, "line 2, column 8: expected true, false or null")]
    [InlineData("{\"a\": 1} x", true, "line 1, column 10: unexpected text after the end of the document")]
    [InlineData("[1]", true, "line 1, column 1: the top level is an array, where the client expects an object")]
    public void ABrokenFileNamesLineAndColumn(string text, bool jsonc, string message)
    {
        var error = Assert.Throws<JsonTextException>(() => JsonTextEditor.ParseRoot(text, jsonc));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AContainerThatIsNotAnObjectIsRefused()
    {
        var error = Assert.Throws<CommandFailureException>(() => JsonTextEditor.SetMember("{\"servers\": []}", true, ["servers"], "x", Entry, out _));
        Assert.Equal("ClientConfigUnexpectedShape", error.ErrorId);
    }
}
