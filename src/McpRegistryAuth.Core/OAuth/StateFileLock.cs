using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The cross-process lock of the module's state files (the token cache, the profiles): a lock file beside
/// the file, opened without sharing (an exclusive flock on Unix, a share-none handle on Windows), held from
/// the read to the write so concurrent PowerShell processes never lose each other's changes. The OS
/// releases it if the holder dies.
/// </summary>
public static class StateFileLock
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(25);

    /// <exception cref="CommandFailureException">StateFileLocked: another process held the lock for the whole wait.</exception>
    public static async Task<IDisposable> AcquireAsync(string cachePath, TimeSpan wait, CancellationToken cancellationToken)
    {
        var lockPath = cachePath + ".lock";
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, options);
            }
            catch (IOException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new CommandFailureException("StateFileLocked", FailureCategory.OperationTimeout,
                    $"The token cache '{cachePath}' stayed locked by another process for {wait.TotalSeconds:0} s.", lockPath,
                    "Wait for the other McpRegistryAuth command to finish, or use -NoCache for this call.", ex);
            }
        }
    }
}
