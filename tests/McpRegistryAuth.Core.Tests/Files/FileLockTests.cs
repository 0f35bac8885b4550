using System.Diagnostics;
using McpRegistryAuth.Core.Files;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

public class FileLockTests
{
    [Fact]
    public void Acquire_WhileHeld_TimesOutNamingPidHostAndSince()
    {
        using var dir = new TempDirectory();
        var target = dir.File(".env");
        using var held = FileLock.Acquire(target, TimeSpan.FromSeconds(1));
        var ex = Assert.Throws<FileEditException>(() => FileLock.Acquire(target, TimeSpan.FromMilliseconds(300)));
        Assert.Equal("FileLocked", ex.ErrorId);
        Assert.Contains($"process {Environment.ProcessId} on {Environment.MachineName} since ", ex.Message);
        Assert.Contains(held.LockPath, ex.Message);
    }

    [Fact]
    public void Dispose_RemovesTheLockFileSoTheNextWriterGetsIt()
    {
        using var dir = new TempDirectory();
        var target = dir.File("tokens.txt");
        FileLock.Acquire(target, TimeSpan.FromSeconds(1)).Dispose();
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        using var again = FileLock.Acquire(target, TimeSpan.FromMilliseconds(100));
        Assert.True(File.Exists(again.LockPath));
    }

    [Fact]
    public void Acquire_TakesOverALockWhoseProcessIsGone()
    {
        using var dir = new TempDirectory();
        var target = dir.File(".env");
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        var stale = new FileLockHolder(gone.Id, Environment.MachineName, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(-5));
        File.WriteAllText(FileLock.LockPathFor(target), stale.ToJson());
        using var taken = FileLock.Acquire(target, TimeSpan.FromMilliseconds(500));
        Assert.Contains($"\"pid\":{Environment.ProcessId}", File.ReadAllText(taken.LockPath));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Acquire_WaitsForAHolderOnAnotherHost()
    {
        using var dir = new TempDirectory();
        var target = dir.File(".env");
        var remote = new FileLockHolder(1, "another-host.example", DateTimeOffset.UtcNow, null);
        File.WriteAllText(FileLock.LockPathFor(target), remote.ToJson());
        var ex = Assert.Throws<FileEditException>(() => FileLock.Acquire(target, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("process 1 on another-host.example", ex.Message);
    }

    [Fact]
    public void EnsureHeld_FailsWhenTheLockFileWasReplaced()
    {
        using var dir = new TempDirectory();
        using var held = FileLock.Acquire(dir.File("a"), TimeSpan.FromSeconds(1));
        held.EnsureHeld();
        File.WriteAllText(held.LockPath, "someone else");
        Assert.Equal("FileLockLost", Assert.Throws<FileEditException>(held.EnsureHeld).ErrorId);
        held.Dispose();
        Assert.True(File.Exists(held.LockPath)); // not ours any more: left alone
    }

    [Fact]
    public async Task Acquire_ManyThreadsAtOnceEachGetTheLockInTurn()
    {
        using var dir = new TempDirectory();
        var target = dir.File("counter");
        File.WriteAllText(target, "0");

        // Threads of one process contend on the lock file as processes do; each read-modify-write must survive.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                using var held = FileLock.Acquire(target, TimeSpan.FromSeconds(30));
                File.WriteAllText(target, (int.Parse(File.ReadAllText(target), System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        })));
        Assert.Equal("320", File.ReadAllText(target));
    }
}
