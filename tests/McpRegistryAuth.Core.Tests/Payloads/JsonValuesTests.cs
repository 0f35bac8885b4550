using System.Numerics;
using System.Text.Json;
using McpRegistryAuth.Core.Payloads;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Payloads;

/// <summary>JSON as the plain values the cmdlets write (ConvertFrom-Json's shapes), with token fields masked.</summary>
public class JsonValuesTests
{
    private static object? Convert(string json, bool maskTokens = true)
    {
        using var document = JsonDocument.Parse(json);
        return JsonValues.ToValue(new JsonPayload(document.RootElement), new ListBuilder(), maskTokens);
    }

    [Fact]
    public void Numbers_AreLongThenBigIntegerThenDouble()
    {
        var values = (object?[])Convert("[1, 9223372036854775808, 1.5, 1e3]")!;
        Assert.Equal(1L, values[0]);
        Assert.Equal(BigInteger.Parse("9223372036854775808"), values[1]);
        Assert.Equal(1.5, values[2]);
        Assert.Equal(1000.0, values[3]);
    }

    [Fact]
    public void Objects_ComeFromTheBuilder_InDocumentOrder_WithScalars()
    {
        var fields = (List<KeyValuePair<string, object?>>)Convert("""{"b":"x","a":true,"c":null,"d":false}""")!;
        Assert.Equal(["b", "a", "c", "d"], fields.Select(f => f.Key));
        Assert.Equal(["x", true, null, false], fields.Select(f => f.Value));
    }

    [Fact]
    public void TokenFields_AreFingerprints_AlsoInsideArrays_UnlessUnmasked()
    {
        const string Json = """{"access_token":"abc","tokens":{"refresh_token":["r1","r2"]},"name":"abc"}""";
        var masked = (List<KeyValuePair<string, object?>>)Convert(Json)!;
        Assert.Equal($"<token {Fingerprint.Of("abc")}>", masked[0].Value);
        var inner = (List<KeyValuePair<string, object?>>)masked[1].Value!;
        Assert.Equal([$"<token {Fingerprint.Of("r1")}>", $"<token {Fingerprint.Of("r2")}>"], (object?[])inner[0].Value!);
        Assert.Equal("abc", masked[2].Value);
        var plain = (List<KeyValuePair<string, object?>>)Convert(Json, maskTokens: false)!;
        Assert.Equal("abc", plain[0].Value);
    }

    [Fact]
    public void ToElement_SerializesPlainValues_AndKeepsJsonAsItIs()
    {
        var element = JsonValues.ToElement(new Dictionary<string, object?> { ["n"] = 2, ["list"] = new List<object?> { "a", true } });
        Assert.Equal("""{"n":2,"list":["a",true]}""", element.GetRawText());
        using var document = JsonDocument.Parse("[1]");
        Assert.Equal("[1]", JsonValues.ToElement(document.RootElement).GetRawText());
    }

    private sealed class ListBuilder : IJsonObjectBuilder
    {
        public object NewObject() => new List<KeyValuePair<string, object?>>();

        public void Add(object target, string name, object? value) => ((List<KeyValuePair<string, object?>>)target).Add(new(name, value));
    }
}
