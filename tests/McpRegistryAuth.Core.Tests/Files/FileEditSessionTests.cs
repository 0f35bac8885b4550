using McpRegistryAuth.Core.Files;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

public class FileEditSessionTests
{
    private static FileEdit Edit(string path, string text, bool creates = false) => new(path, text, creates, ["test"], []);

    [Fact]
    public void Commit_RefusesWhenTheFileChangedAfterBegin()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "A=1\n");
        using var session = FileEditSession.Begin([path]);
        File.WriteAllText(path, "A=1\nB=2\n"); // another program, without the lock
        var ex = Assert.Throws<FileEditException>(() => session.Commit([Edit(path, "A=1\nC=3\n")]));
        Assert.Equal("FileChangedDuringEdit", ex.ErrorId);
        Assert.Equal("A=1\nB=2\n", File.ReadAllText(path));
    }

    [Fact]
    public void Commit_NeverReplacesAFileCreatedAfterBegin()
    {
        using var dir = new TempDirectory();
        var path = dir.File("race.tok");
        using var session = FileEditSession.Begin([path]);
        File.WriteAllText(path, "theirs\n");
        Assert.Throws<FileEditException>(() => session.Commit([Edit(path, "mine\n", creates: true)]));
        Assert.Equal("theirs\n", File.ReadAllText(path));
    }

    [Fact]
    public void Begin_RefusesAMissingFolderBeforeAnythingIsWritten()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<FileEditException>(() => FileEditSession.Begin([dir.File("a.env"), Path.Combine(dir.Path, "missing-dir", "token")]));
        Assert.Equal("FolderNotFound", ex.ErrorId);
        Assert.Contains("missing-dir", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Commit_RestoresEarlierFilesWhenALaterRenameFails()
    {
        using var dir = new TempDirectory();
        var first = dir.Write("partial.env", "REGISTRY_API_TOKEN=old\n");
        var second = dir.File("token");
        Directory.CreateDirectory(second); // the rename over it fails, after the first file was renamed
        using var session = FileEditSession.Begin([first, second]);
        var ex = Assert.Throws<FileEditException>(() => session.Commit([Edit(first, "REGISTRY_API_TOKEN=new\n"), Edit(second, "new\n")]));
        Assert.Contains("Restored the earlier content of", ex.Message);
        Assert.Equal("REGISTRY_API_TOKEN=old\n", File.ReadAllText(first));
        Assert.Equal(["partial.env", "token"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Where(n => !n!.EndsWith(".lock", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public void Commit_RemovesAFileItCreatedWhenALaterWriteFails()
    {
        using var dir = new TempDirectory();
        var created = dir.File("new.env");
        var second = dir.File("token");
        Directory.CreateDirectory(second);
        using var session = FileEditSession.Begin([created, second]);
        Assert.Throws<FileEditException>(() => session.Commit([Edit(created, "A=1\n", creates: true), Edit(second, "x\n")]));
        Assert.False(File.Exists(created));
    }

    [Fact]
    public void Dispose_ReleasesEveryLock()
    {
        using var dir = new TempDirectory();
        var a = dir.File("a");
        var b = dir.File("b");
        FileEditSession.Begin([a, b, a]).Dispose();
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
