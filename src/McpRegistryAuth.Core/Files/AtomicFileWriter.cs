using System.Globalization;
using System.Text;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// Writes files that hold secrets: the new content goes to a temporary file in the same folder, flushed
/// to disk, then renamed over the target. A reader never sees a half-written file and a failure leaves
/// the old file as it was. A new file is mode 0600; a replaced file keeps its owner and group, and its
/// mode when that is already at least as strict as 0600 (otherwise it becomes 0600, said in the notes).
/// </summary>
public static class AtomicFileWriter
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8NoBom.GetBytes(text));

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        var fullPath = Path.GetFullPath(path);
        var staged = Stage(fullPath, bytes, FileStatus.Of(fullPath));
        try
        {
            staged.Commit(exclusive: false);
        }
        catch
        {
            staged.Discard();
            throw;
        }
    }

    /// <summary>
    /// Writes the content to a temporary file beside the target (removing stale ones of a crashed run
    /// first) and gives it the mode, owner and group the target should keep.
    /// </summary>
    public static StagedFile Stage(string fullPath, byte[] bytes, FileStatus existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new IOException($"'{fullPath}' has no parent folder.");
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder '{directory}' does not exist.");
        }

        StaleTempFiles.Clean(directory);
        var notes = new List<string>();
        var mode = OwnerReadWrite;
        if (existing.Kind == FileKind.Regular && !OperatingSystem.IsWindows())
        {
            if ((existing.Mode & ~OwnerReadWrite) == 0)
            {
                mode = existing.Mode;
            }
            else
            {
                notes.Add($"The mode of '{fullPath}' changes from {Octal(existing.Mode)} to {Octal(mode)}: it holds a secret, so only its owner may read it.");
            }
        }

        var temp = Path.Combine(directory, StaleTempFiles.NameFor(Path.GetFileName(fullPath)));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Created with the owner's bits only; a stricter kept mode is applied after the write.
            options.UnixCreateMode = OwnerReadWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                KeepOwner(fullPath, temp, existing);
                File.SetUnixFileMode(temp, mode);
            }
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        return new StagedFile(fullPath, temp, notes);
    }

    /// <summary>True when an existing file has no owner write permission (or the read-only attribute on Windows).</summary>
    public static bool IsReadOnly(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return new FileInfo(path).IsReadOnly;
        }

        return (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) == 0;
    }

    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');

    private static void KeepOwner(string target, string temp, FileStatus existing)
    {
        if (existing.Kind != FileKind.Regular || existing.OwnerId is not { } owner || existing.GroupId is not { } group)
        {
            return;
        }

        var created = FileStatus.Of(temp, followLinks: false);
        if (created.OwnerId == owner && created.GroupId == group)
        {
            return;
        }

        var errno = UnixOwnership.TryChange(temp, owner, group);
        if (errno != 0)
        {
            throw new FileEditException(target, "OwnerNotKept",
                string.Create(CultureInfo.InvariantCulture, $"'{target}' belongs to user {owner}, group {group}; this process cannot give the new version the same owner and group (errno {errno}), so the service reading it might lose access. Run as that user (or as root), or change the file by hand."));
        }
    }

    /// <summary>Deletes a file this module made, leaving it when it cannot be deleted.</summary>
    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
