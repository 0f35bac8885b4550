using McpRegistryAuth.Core.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Tokens;

public class JsonParseErrorTests
{
    [Fact]
    public void KeySet_TooDeepIsNamedAsDepthNotAsInvalidJson()
    {
        var deep = "{\"keys\":" + new string('[', 200) + new string(']', 200) + "}";
        Assert.Null(KeySet.Parse(deep, "jwks.json", DateTimeOffset.UnixEpoch, out var error));
        Assert.Contains("nested deeper than 64 levels", error);
        Assert.DoesNotContain("not valid JSON", error);
    }

    [Fact]
    public void KeySet_BrokenJsonIsStillInvalidJsonWithItsPosition()
    {
        Assert.Null(KeySet.Parse("{\"keys\": [", "jwks.json", DateTimeOffset.UnixEpoch, out var error));
        Assert.StartsWith("jwks.json: not valid JSON (line 1", error);
    }
}
