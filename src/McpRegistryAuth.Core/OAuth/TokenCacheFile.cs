using McpRegistryAuth.Core.Files;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>The per-user token cache: read, changed and written back under one cross-process lock.</summary>
public sealed class TokenCacheFile
{
    public const string FileName = "token-cache.json";

    public TokenCacheFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>token-cache.json in the user's data folder (XDG_DATA_HOME/McpRegistryAuth on Linux).</summary>
    public static string DefaultPath => System.IO.Path.Combine(UserFolders.Data, FileName);

    public string Path { get; }

    /// <summary>The partitions the cache holds now (writes replace the file whole, so a read needs no lock).</summary>
    public IReadOnlyList<TokenCacheEntry> ReadEntries() => TokenCacheDocument.Parse(File.Exists(Path) || TokenCacheStore.IsProtectedByPlatform ? TokenCacheStore.Read(Path) : null).Entries;

    /// <summary>
    /// The content as it is now, read without the lock, for a lookup that writes nothing; null when the file is
    /// absent, unreadable or not in this format (the locked path then reports and repairs it), and on Windows
    /// and macOS, whose platform stores are not replaced by rename. On Unix every writer replaces the file by
    /// rename under the lock, so this one read sees one whole version, never a half-written one.
    /// </summary>
    public TokenCacheDocument? ReadWithoutLock()
    {
        if (TokenCacheStore.IsProtectedByPlatform) return null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var document = TokenCacheDocument.Parse(bytes);
        return document.WasUnreadable ? null : document;
    }

    /// <summary>Removes the partitions with these keys; returns those that were still there.</summary>
    public IReadOnlyList<TokenCacheEntry> Remove(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return UpdateAsync(document =>
        {
            var removed = document.Remove(entry => keys.Contains(entry.Key));
            return Task.FromResult((removed, removed.Count > 0));
        }, TimeSpan.FromSeconds(30), cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the current content while holding the lock, and writes the content
    /// back when it says it changed something.
    /// </summary>
    public async Task<T> UpdateAsync<T>(Func<TokenCacheDocument, Task<(T Result, bool Changed)>> work, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        UserFolders.Ensure(System.IO.Path.GetDirectoryName(Path)!);
        using var held = FileLock.Acquire(Path, lockWait, cancellationToken);
        var document = TokenCacheDocument.Parse(TokenCacheStore.Read(Path));
        var (result, changed) = await work(document).ConfigureAwait(false);
        if (changed || document.WasUnreadable)
        {
            TokenCacheStore.Write(Path, document.ToBytes());
        }

        return result;
    }
}
