using McpRegistryAuth.Core.RegistryApi;
using Xunit;

namespace McpRegistryAuth.Core.Tests.RegistryApi;

public sealed class SecretHeadersTests
{
    [Fact]
    public void SetCookie_ValueBecomesItsFingerprint_NameAndAttributesStay()
    {
        var masked = SecretHeaders.Mask("set-cookie", ["mcp_gateway_session=abc.def; HttpOnly; Path=/", "theme=dark"]);
        Assert.Equal($"mcp_gateway_session={TokenFields.Mask("abc.def")}; HttpOnly; Path=/", masked[0]);
        Assert.Equal($"theme={TokenFields.Mask("dark")}", masked[1]);
        Assert.DoesNotContain(masked, v => v.Contains("abc.def", StringComparison.Ordinal));
    }

    [Fact]
    public void OtherHeadersAndEmptyCookies_AreUnchanged()
    {
        Assert.Equal(["application/json"], SecretHeaders.Mask("Content-Type", ["application/json"]));
        Assert.Equal(["gone=; Max-Age=0", "novalue"], SecretHeaders.Mask("Set-Cookie", ["gone=; Max-Age=0", "novalue"]));
    }
}
