using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Reference section 7.2: how registry_management.py --token-file reads the file.</summary>
public class GatewayCliTokenFileTests
{
    [Fact]
    public void TokenFile_PlainTextIsStripped()
    {
        using var dir = new TempDirectory();
        var token = GatewayCliTokenFile.Read(dir.Write("t", "  abc.def \n\n"));
        Assert.Equal("abc.def", token.Token.Reveal());
        Assert.Equal(GatewayCliTokenFormat.PlainText, token.Format);
    }

    [Theory]
    [InlineData("{\"access_token\":\"A\"}", "A")]
    [InlineData("{\"tokens\":{\"access_token\":\"B\"}}", "B")]
    [InlineData("{\"token_data\":{\"access_token\":\"C\"}}", "C")]
    [InlineData("{\"access_token\":\"\",\"tokens\":{\"access_token\":\"D\"}}", "D")]
    public void TokenFile_JsonAccessTokenInTheCliOrder(string json, string expected)
    {
        using var dir = new TempDirectory();
        Assert.Equal(expected, GatewayCliTokenFile.Read(dir.Write("t", json)).Token.Reveal());
    }

    [Fact]
    public void TokenFile_JsonValueIsUsedAsIsNotStripped()
    {
        using var dir = new TempDirectory();
        var token = GatewayCliTokenFile.Read(dir.Write("t", "{\"access_token\":\" tok \"}"));
        Assert.Equal(" tok ", token.Token.Reveal());
        Assert.False(token.Checks.Single().Passed);
    }

    [Fact]
    public void TokenFile_JsonWithoutAccessTokenIsTheCliError()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t", "{\"token\":\"x\"}");
        var ex = Assert.Throws<FileContentException>(() => GatewayCliTokenFile.Read(path));
        Assert.Equal($"No 'access_token' field found in token file: {path}", ex.Message);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("\"a-json-string\"")]
    [InlineData("[1]")]
    public void TokenFile_JsonThatIsNotAnObjectIsRefused(string text)
    {
        using var dir = new TempDirectory();
        Assert.Equal("TokenFileNotObject", Assert.Throws<FileContentException>(() => GatewayCliTokenFile.Read(dir.Write("t", text))).ErrorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void TokenFile_EmptyIsTheCliError(string text)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t", text);
        Assert.Equal($"Empty token in file: {path}", Assert.Throws<FileContentException>(() => GatewayCliTokenFile.Read(path)).Message);
    }

    [Fact]
    public void TokenFile_MissingFileBomAndNonUtf8AreClearErrors()
    {
        using var dir = new TempDirectory();
        Assert.Equal("FileNotFound", Assert.Throws<FileContentException>(() => GatewayCliTokenFile.Read(dir.File("none"))).ErrorId);
        Assert.Equal("TokenFileHasBom", Assert.Throws<FileContentException>(() => GatewayCliTokenFile.Read(dir.WriteBytes("b", [0xEF, 0xBB, 0xBF, (byte)'x']))).ErrorId);
        Assert.Equal("FileNotUtf8", Assert.Throws<FileContentException>(() => GatewayCliTokenFile.Read(dir.WriteBytes("c", [0xFF, 0xFE]))).ErrorId);
    }
}
