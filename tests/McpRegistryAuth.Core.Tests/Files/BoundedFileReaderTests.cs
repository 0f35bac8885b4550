using System.Diagnostics;
using McpRegistryAuth.Core.Files;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

public class BoundedFileReaderTests
{
    [Fact]
    public void ReadAllBytes_StopsAtTheLimitCountedInBytesRead()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("big", new byte[10_000]);
        var ex = Assert.Throws<FileContentException>(() => BoundedFileReader.ReadAllBytes(path, maxBytes: 4096));
        Assert.Equal("FileTooLarge", ex.ErrorId);
        Assert.Contains("more than 4096 bytes", ex.Message);
        Assert.Equal(4096, BoundedFileReader.ReadAllBytes(dir.WriteBytes("exact", new byte[4096]), maxBytes: 4096).Length);
    }

    [Fact]
    public void ReadAllBytes_RefusesACharacterDeviceThatReportsSizeZero()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<FileContentException>(() => BoundedFileReader.ReadAllBytes("/dev/zero"));
        Assert.Equal("FileNotRegular", ex.ErrorId);
        Assert.Contains("'/dev/zero' is a character device", ex.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ReadAllBytes_RefusesAFifoWithoutOpeningIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDirectory();
        var fifo = dir.File("pipe");
        await Process.Start("mkfifo", fifo).WaitForExitAsync();
        var read = Task.Run(() => BoundedFileReader.ReadAllBytes(fifo));
        var first = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(first == read, "the read of a FIFO must not wait for a writer");
        Assert.Equal("FileNotRegular", (await Assert.ThrowsAsync<FileContentException>(() => read)).ErrorId);
    }

    [Fact]
    public void ReadAllBytes_NamesADanglingSymbolicLinkAndItsTarget()
    {
        using var dir = new TempDirectory();
        var link = dir.File("link.env");
        File.CreateSymbolicLink(link, dir.File("gone.env"));
        var ex = Assert.Throws<FileContentException>(() => BoundedFileReader.ReadAllBytes(link));
        Assert.Equal("SymbolicLinkDangling", ex.ErrorId);
        Assert.Contains("gone.env", ex.Message);
    }

    [Fact]
    public void ReadAllBytes_StopsWhenCancelled()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("a", new byte[200_000]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => BoundedFileReader.ReadAllBytes(path, cancellation: cancelled.Token));
    }
}
