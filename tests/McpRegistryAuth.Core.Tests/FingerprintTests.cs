using McpRegistryAuth.Core;
using System.Text.Json;
using Xunit;

namespace McpRegistryAuth.Core.Tests;

public class FingerprintTests
{
    [Fact]
    public void Fingerprint_IsFirstEightHexOfSha256()
    {
        // SHA-256("abc") = ba7816bf8f01cfea...
        Assert.Equal("ba7816bf", Fingerprint.Of("abc"));
    }

    [Fact]
    public void Secret_ToStringAndJson_ShowOnlyTheFingerprint()
    {
        var secret = new Secret("super-secret-value-123");
        Assert.DoesNotContain("super-secret", secret.ToString());
        Assert.Contains(secret.Fingerprint, secret.ToString());
        var json = JsonSerializer.Serialize(new { Token = secret });
        Assert.DoesNotContain("super-secret", json);
        Assert.Equal("super-secret-value-123", secret.Reveal());
    }

    [Fact]
    public void Check_ToString_IsOneLine()
    {
        var check = new Check("Gateway.StaticToken.PathMatch", false, "'/mcp'", "prefix '/api/' or '/v0.1/'", "Static tokens work only on registry API paths.");
        Assert.Equal("[FAIL] Gateway.StaticToken.PathMatch: observed '/mcp'; expected prefix '/api/' or '/v0.1/'. Static tokens work only on registry API paths.", check.ToString());
    }
}
