namespace McpRegistryAuth.Core.Files;

/// <summary>
/// A file as it was when an edit was planned: its status (identity, size, time) and bytes. Compared
/// again right before the rename, so a change made meanwhile by anyone (even without the lock) stops
/// the write instead of being overwritten.
/// </summary>
public sealed record FileSnapshot(FileStatus Status, byte[]? Bytes)
{
    public static FileSnapshot Take(string path)
    {
        var status = FileStatus.Of(path);
        if (status.Kind != FileKind.Regular)
        {
            return new FileSnapshot(status, null);
        }

        try
        {
            return new FileSnapshot(status, BoundedFileReader.ReadAllBytes(path));
        }
        catch (FileContentException)
        {
            // The planner reads the file itself and reports why it cannot.
            return new FileSnapshot(status, null);
        }
    }

    public bool Matches(FileSnapshot now)
    {
        ArgumentNullException.ThrowIfNull(now);
        if (!Status.Exists || !now.Status.Exists)
        {
            return Status.Exists == now.Status.Exists;
        }

        return Status.IsSameVersion(now.Status)
            && (Bytes is null) == (now.Bytes is null)
            && (Bytes is null || Bytes.AsSpan().SequenceEqual(now.Bytes));
    }
}
