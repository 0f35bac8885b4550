using McpRegistryAuth.Core.Files;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

public class TextFileContentTests
{
    [Fact]
    public void Read_ReportsTheBomInsteadOfDroppingItSilently()
    {
        using var dir = new TempDirectory();
        var content = TextFileContent.Read(dir.WriteBytes("a", [0xEF, 0xBB, 0xBF, (byte)'x']));
        Assert.True(content.HasBom);
        Assert.Equal("x", content.Text);
    }

    [Fact]
    public void Read_NonUtf8IsAnErrorNamingTheLine()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<FileContentException>(() => TextFileContent.Read(dir.WriteBytes("a", [(byte)'a', (byte)'\n', (byte)'b', 0xE9, (byte)'\n'])));
        Assert.Equal("FileNotUtf8", ex.ErrorId);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Read_MissingFileAndFolderAreClearErrors()
    {
        using var dir = new TempDirectory();
        Assert.Equal("FileNotFound", Assert.Throws<FileContentException>(() => TextFileContent.Read(dir.File("none"))).ErrorId);
        Assert.Equal("FileIsDirectory", Assert.Throws<FileContentException>(() => TextFileContent.Read(dir.Path)).ErrorId);
    }
}
