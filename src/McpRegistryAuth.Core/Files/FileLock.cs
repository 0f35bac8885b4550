using System.Text;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// An advisory lock on one file for a read-modify-write: the lock file <c>.&lt;name&gt;.lock</c> beside
/// it, created exclusively and holding the holder's process id, host and start time. Every writer of
/// this module takes it before reading the file it will change, so concurrent runs wait for each other
/// instead of each writing back what it read. A lock left by a process that is gone (same host, that
/// process no longer runs) is taken over; any other holder is waited for until the time-out, then named.
/// </summary>
public sealed class FileLock : IDisposable
{
    // Generous: a writer on a loaded machine may hold the lock for seconds while it starts up.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly string content;
    private bool released;

    private FileLock(string targetPath, string lockPath, string content)
    {
        TargetPath = targetPath;
        LockPath = lockPath;
        this.content = content;
    }

    public string TargetPath { get; }

    public string LockPath { get; }

    public static string LockPathFor(string targetPath)
    {
        var full = Path.GetFullPath(targetPath);
        return Path.Combine(Path.GetDirectoryName(full) ?? "", $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Waits for the lock; throws <see cref="FileEditException"/> (FileLocked) naming the holder at the time-out.</summary>
    public static FileLock Acquire(string targetPath, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var lockPath = LockPathFor(targetPath);
        var content = FileLockHolder.Current().ToJson() + "\n";
        var deadline = DateTime.UtcNow + timeout;
        var delay = 10;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (TryCreate(lockPath, content))
            {
                return new FileLock(targetPath, lockPath, content);
            }

            var holderText = TryRead(lockPath);
            var holder = holderText is null ? null : FileLockHolder.TryParse(holderText);
            if (holder is not null && holder.IsGone())
            {
                RemoveStale(lockPath, holderText!);
                continue;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var who = holder?.ToString() ?? "a holder that did not record itself";
                throw new FileEditException(targetPath, "FileLocked",
                    $"'{targetPath}' is being edited by {who}: the lock file '{lockPath}' was still there after {timeout.TotalSeconds:0.#} s. Run again when that process has finished; if it no longer runs, delete the lock file.");
            }

            // Jittered back-off so waiting processes do not retry in lock step.
            cancellation.WaitHandle.WaitOne(Math.Min(delay + Random.Shared.Next(delay), (int)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds)));
            delay = Math.Min(delay * 2, 200);
        }
    }

    /// <summary>Throws when the lock file is no longer this holder's (deleted or taken over by hand).</summary>
    public void EnsureHeld()
    {
        if (released || TryRead(LockPath) != content)
        {
            throw new FileEditException(TargetPath, "FileLockLost", $"The lock file '{LockPath}' of '{TargetPath}' was removed or replaced by someone else during the edit; nothing more is written. Run again.");
        }
    }

    public void Dispose()
    {
        if (released)
        {
            return;
        }

        released = true;

        // Delete only our own lock: a lock taken over after we were judged gone belongs to someone else.
        if (TryRead(LockPath) == content)
        {
            AtomicFileWriter.TryDelete(LockPath);
        }
    }

    private static bool TryCreate(string lockPath, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using var stream = new FileStream(lockPath, options);
            stream.Write(Encoding.UTF8.GetBytes(content));
            return true;
        }
        catch (IOException ex) when (AlreadyExists(ex) || File.Exists(lockPath))
        {
            // Also when the holder released it between the failed create and this check: try again.
            return false;
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FileEditException(lockPath, "FileLockUnavailable", $"The lock file '{lockPath}' cannot be created: {ex.Message} Writing beside the file needs write access to its folder.");
        }
    }

    /// <summary>
    /// Moves the stale lock aside under a unique name, then checks it is the one judged stale: when a
    /// live holder replaced it in between, that lock is put back.
    /// </summary>
    private static void RemoveStale(string lockPath, string staleText)
    {
        var aside = $"{lockPath}.{Guid.NewGuid():N}.stale";
        try
        {
            File.Move(lockPath, aside);
        }
        catch (IOException)
        {
            return;
        }

        if (TryRead(aside) != staleText)
        {
            try
            {
                File.Move(aside, lockPath, overwrite: false);
                return;
            }
            catch (IOException)
            {
            }
        }

        AtomicFileWriter.TryDelete(aside);
    }

    // .NET gives the raw errno on Unix (EEXIST is 17 on Linux and macOS), ERROR_FILE_EXISTS / ERROR_ALREADY_EXISTS on Windows.
    private static bool AlreadyExists(IOException ex) =>
        OperatingSystem.IsWindows() ? (ex.HResult & 0xFFFF) is 0x50 or 0xB7 : ex.HResult == 17;

    private static string? TryRead(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[4096];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
