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

    // Expected values produced by CPython 3 itself: base64.urlsafe_b64decode after PyJWT's padding (null: binascii.Error).
    [Theory]
    [InlineData("TyGJ=M", null)]
    [InlineData("bEL31I=eL==", "6c42f7d4878b")]
    [InlineData("HyG", "1f21")]
    [InlineData("/.", null)]
    [InlineData("+PnXNYv=AMI", "f8f9d7358b")]
    [InlineData("o76umf", "a3beae99")]
    [InlineData("Km_/", "2a6fff")]
    [InlineData("J=AP1VrT- 1F", null)]
    [InlineData("s_6==IL", "b3fe")]
    [InlineData("\t*", "")]
    [InlineData("+C7tVO", "f82eed54")]
    [InlineData(".Qfyy", "41fcb2")]
    [InlineData("zj==R3j1+t", "ce")]
    [InlineData("=Td.", null)]
    [InlineData("k=AA S1", null)]
    [InlineData("G6yyzyN9z", null)]
    [InlineData("Ia4", "21ae")]
    [InlineData(".==r", null)]
    [InlineData("MuDJa\twTg", "32e0c96b04e0")]
    [InlineData("O\t", null)]
    [InlineData("+nK=ASNrh9", "fa72")]
    [InlineData("uSD=AmLhuV", "b920")]
    [InlineData("=qcYezdZ_", "a9c61ecdd67f")]
    [InlineData("8h Ys", "f2162c")]
    [InlineData("c", null)]
    [InlineData("8Zr", "f19a")]
    [InlineData("A9*sKPxZ", null)]
    [InlineData("L=.y7zK", null)]
    [InlineData("7S.\t", null)]
    [InlineData("QCBNR3Yb", "40204d47761b")]
    [InlineData("blep*", "6e57a9")]
    [InlineData("Ht=A", null)]
    [InlineData("QTC4XA", "4130b85c")]
    [InlineData("S8===", "4b")]
    [InlineData("==9NHfY", null)]
    [InlineData("5DI4pZj5+\t", null)]
    [InlineData("h+Z5R1Py4", null)]
    [InlineData("JbmPTu", "25b98f4e")]
    [InlineData("R7c.M", "47b70c")]
    [InlineData("U3z+", "537cfe")]
    public void Python_LenientDecodeMatchesCPython(string segment, string? expectedHex)
    {
        var bytes = Base64UrlSegment.DecodePythonLenient(segment);
        Assert.Equal(expectedHex, bytes is null ? null : Convert.ToHexString(bytes).ToLowerInvariant());
    }

    [Fact]
    public void Go_RawUrlIgnoresNonZeroTrailingBits() => Assert.Equal(new byte[] { 0x1f, 0x21 }, Base64UrlSegment.DecodeRawUrl("HyG"));
}
