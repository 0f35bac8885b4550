using McpRegistryAuth.Core.Gateway;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway;

public class BearerTokenInputTests
{
    [Theory]
    [InlineData("abc\ndef")]
    [InlineData("abc\u001bdef")]
    [InlineData("abc\u0000def")]
    public void Input_ControlCharacterInsideIsRefusedWithoutEchoingTheToken(string token)
    {
        var ex = Assert.Throws<ArgumentException>(() => BearerTokenInput.Validate(token, "Token"));
        Assert.Contains("position 4", ex.Message);
        Assert.DoesNotContain("abc", ex.Message);
    }

    [Theory]
    [InlineData("abc\n")]
    [InlineData(" abc\r\n")]
    [InlineData("\tabc")]
    public void Input_OuterWhiteSpaceIsKeptForTheServersOwnRules(string token)
    {
        BearerTokenInput.Validate(token, "Token");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public void Input_EmptyIsRefused(string token)
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => BearerTokenInput.Validate(token, "Token")).Message);
    }
}
