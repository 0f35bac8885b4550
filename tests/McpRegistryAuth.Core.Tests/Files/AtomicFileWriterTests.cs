using McpRegistryAuth.Core.Files;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

public class AtomicFileWriterTests
{
    [Fact]
    public void WriteAllText_CreatesMode0600WithoutBom()
    {
        using var dir = new TempDirectory();
        var path = dir.File("secret.env");
        AtomicFileWriter.WriteAllText(path, "A=é\n");
        Assert.Equal("A=é\n"u8.ToArray(), File.ReadAllBytes(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void WriteAllText_ReplacesAnExistingWorldReadableFileWith0600()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("x.env", "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("644", 8));
        }

        AtomicFileWriter.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void WriteAllText_LeavesNoTemporaryFileBehind()
    {
        using var dir = new TempDirectory();
        AtomicFileWriter.WriteAllText(dir.File("a"), "1");
        Assert.Equal(["a"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllText_MissingFolderFailsAndCreatesNothing()
    {
        using var dir = new TempDirectory();
        Assert.Throws<DirectoryNotFoundException>(() => AtomicFileWriter.WriteAllText(Path.Combine(dir.Path, "no", "a"), "1"));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void WriteAllText_FailureKeepsTheOldFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("target");
        Directory.CreateDirectory(path); // a folder where the file should go: the rename fails
        Assert.ThrowsAny<IOException>(() => AtomicFileWriter.WriteAllText(path, "1"));
        Assert.True(Directory.Exists(path));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void IsReadOnly_FollowsTheOwnerWriteBit()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("ro", "x");
        Assert.False(AtomicFileWriter.IsReadOnly(path));
        if (OperatingSystem.IsWindows())
        {
            new FileInfo(path).IsReadOnly = true;
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
        }

        Assert.True(AtomicFileWriter.IsReadOnly(path));
    }
}
