namespace McpRegistryAuth.Core.Files;

/// <summary>
/// One read-modify-write of one or more files, all or nothing. <see cref="Begin"/> resolves each path
/// (<see cref="EditTarget"/>), takes every file's lock (<see cref="FileLock"/>, in path order so two
/// runs never wait on each other crosswise) and notes each file as it is; plan the edits after that,
/// against <see cref="PathOf"/>. <see cref="Commit"/> checks that no file changed since, writes every
/// new version to a temporary file, then renames them in turn; when a rename fails, the files already
/// renamed get their old content back. Dispose releases the locks.
/// </summary>
public sealed class FileEditSession : IDisposable
{
    private readonly Dictionary<string, Entry> entries;

    private FileEditSession(Dictionary<string, Entry> entries) => this.entries = entries;

    /// <summary>Why a path is edited elsewhere than given (a symbolic link), for Verbose.</summary>
    public IReadOnlyList<string> Notes => entries.Values.Select(e => e.Target.Note).OfType<string>().Distinct().ToList();

    public static FileEditSession Begin(IEnumerable<string> paths, TimeSpan? lockTimeout = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var targets = paths.Select(EditTarget.Resolve).ToList();
        var locks = new Dictionary<string, FileLock>(StringComparer.Ordinal);
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            foreach (var path in targets.Select(t => t.Path).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                locks[path] = FileLock.Acquire(path, lockTimeout ?? FileLock.DefaultTimeout, cancellation);
            }

            foreach (var target in targets)
            {
                entries[target.RequestedPath] = entries[target.Path] = new Entry(target, locks[target.Path], FileSnapshot.Take(target.Path));
            }
        }
        catch
        {
            foreach (var held in locks.Values)
            {
                held.Dispose();
            }

            throw;
        }

        return new FileEditSession(entries);
    }

    /// <summary>The path to plan an edit of a given path against (the file a symbolic link points to).</summary>
    public string PathOf(string requestedPath) => Find(Path.GetFullPath(requestedPath)).Target.Path;

    /// <summary>
    /// Writes every edit or none. Returns notes for Verbose (modes changed). Throws
    /// <see cref="FileEditException"/> when a file changed since Begin (nothing written) or when a write
    /// failed (the message says which files were restored).
    /// </summary>
    public IReadOnlyList<string> Commit(IReadOnlyList<FileEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var planned = edits.Select(e => (Edit: e, Entry: Find(Path.GetFullPath(e.Path)))).ToList();
        foreach (var (_, entry) in planned)
        {
            EnsureUnchanged(entry);
        }

        var staged = new List<StagedFile>();
        try
        {
            foreach (var (edit, entry) in planned)
            {
                staged.Add(AtomicFileWriter.Stage(entry.Target.Path, AtomicFileWriter.Utf8NoBom.GetBytes(edit.NewText), entry.Snapshot.Status));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            staged.ForEach(s => s.Discard());
            var path = planned[staged.Count].Entry.Target.Path;
            throw ex as FileEditException ?? new FileEditException(path, "FileWriteFailed", $"Could not write '{path}': {ex.Message} No file was changed.");
        }

        for (var i = 0; i < planned.Count; i++)
        {
            var (edit, entry) = planned[i];
            try
            {
                EnsureUnchanged(entry);
                staged[i].Commit(exclusive: edit.CreatesFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                staged.Skip(i).ToList().ForEach(s => s.Discard());
                var restored = Restore(planned.Take(i).Select(p => p.Entry));
                var reason = ex is FileEditException fe ? fe.Message : $"Could not write '{entry.Target.Path}': {ex.Message}";
                throw new FileEditException(entry.Target.Path, ex is FileEditException f ? f.ErrorId : "FileWriteFailed", $"{reason} {restored}", (ex as FileEditException)?.Line);
            }
        }

        return staged.SelectMany(s => s.Notes).ToList();
    }

    public void Dispose()
    {
        foreach (var held in entries.Values.Select(e => e.Lock).Distinct())
        {
            held.Dispose();
        }
    }

    private Entry Find(string fullPath) =>
        entries.TryGetValue(fullPath, out var entry)
            ? entry
            : throw new InvalidOperationException($"'{fullPath}' was not named when the edit session began.");

    private static void EnsureUnchanged(Entry entry)
    {
        entry.Lock.EnsureHeld();
        if (!entry.Snapshot.Matches(FileSnapshot.Take(entry.Target.Path)))
        {
            throw new FileEditException(entry.Target.Path, "FileChangedDuringEdit",
                $"'{entry.Target.Path}' was changed by another program while this edit was prepared; it is left with that change. Run again to edit the new version.");
        }
    }

    /// <summary>Puts back the content (or the absence) each file had at Begin; says what was restored.</summary>
    private static string Restore(IEnumerable<Entry> written)
    {
        var restored = new List<string>();
        var failed = new List<string>();
        foreach (var entry in written)
        {
            try
            {
                if (entry.Snapshot.Status.Exists && entry.Snapshot.Bytes is { } bytes)
                {
                    AtomicFileWriter.WriteAllBytes(entry.Target.Path, bytes);
                }
                else
                {
                    File.Delete(entry.Target.Path);
                }

                restored.Add($"'{entry.Target.Path}'");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed.Add($"'{entry.Target.Path}' ({ex.Message})");
            }
        }

        if (restored.Count == 0 && failed.Count == 0)
        {
            return "No file was changed.";
        }

        return (restored.Count > 0 ? $"Restored the earlier content of {string.Join(", ", restored)}." : "")
            + (failed.Count > 0 ? $" Could NOT restore {string.Join(", ", failed)}: it holds the new token." : "");
    }

    private sealed record Entry(EditTarget Target, FileLock Lock, FileSnapshot Snapshot);
}
