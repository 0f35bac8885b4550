using Xunit;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Tests.Tokens;

public class Base64UrlSegmentTests
{
    [Theory]
    [InlineData("YQ", "a")]
    [InlineData("YWI", "ab")]
    [InlineData("YWJj", "abc")]
    [InlineData("-_8", "\u00fb\u00ff")]
    public void Go_RawUrlDecodesUnpaddedUrlAlphabet(string segment, string expected)
    {
        var bytes = Base64UrlSegment.DecodeRawUrl(segment);
        Assert.NotNull(bytes);
        Assert.Equal(expected, System.Text.Encoding.Latin1.GetString(bytes));
    }

    [Theory]
    [InlineData("YQ==")] // padding is refused by RawURLEncoding
    [InlineData("Y+E")] // standard alphabet
    [InlineData("Y/E")]
    [InlineData("YWJjZ")] // 5 data characters
    [InlineData("YW Jj")]
    public void Go_RawUrlRejectsPaddingStandardAlphabetAndBadLength(string segment) =>
        Assert.Null(Base64UrlSegment.DecodeRawUrl(segment));

    [Fact]
    public void Go_RawUrlSkipsNewlines() => Assert.Equal("abc"u8.ToArray(), Base64UrlSegment.DecodeRawUrl("YW\r\nJj"));

    [Theory]
    [InlineData("YQ==", "a")] // padding accepted
    [InlineData("YQ", "a")]
    [InlineData("YW.Jj", "abc")] // the dot is dropped; padding by raw length (5 -> 3) is enough
    public void Python_LenientDecodeAcceptsPaddingAndDropsForeignCharacters(string segment, string expected) =>
        Assert.Equal(expected, System.Text.Encoding.Latin1.GetString(Base64UrlSegment.DecodePythonLenient(segment)!));

    [Theory]
    [InlineData("YWJjZ")] // one character past a quantum
    [InlineData("Y.Q.")] // raw length 4, no padding added, 2 data characters remain
    [InlineData("Y.Q")] // one pad added by raw length, two needed
    public void Python_LenientDecodeFailsWherePythonRaisesIncorrectPadding(string segment) =>
        Assert.Null(Base64UrlSegment.DecodePythonLenient(segment));
}
