namespace McpRegistryAuth.Core.Files;

/// <summary>
/// What stat(2) says about a path: its kind, permission bits, owner, identity (device and inode) and
/// link count. On Linux from statx, on macOS from stat/lstat (<see cref="FileStatusSources"/> picks by
/// system and architecture); elsewhere from .NET, which cannot see FIFOs, devices, owners or links
/// (Kind is then Regular or Directory, OwnerId and LinkCount null).
/// </summary>
public sealed record FileStatus(
    FileKind Kind,
    UnixFileMode Mode,
    uint? OwnerId,
    uint? GroupId,
    uint? LinkCount,
    ulong? Device,
    ulong? Inode,
    long Size,
    long ModifiedTicks)
{
    public static readonly FileStatus Missing = new(FileKind.Missing, 0, null, null, null, null, null, 0, 0);

    public bool Exists => Kind != FileKind.Missing;

    /// <summary>Reads the status of a path; followLinks false describes a symbolic link itself.</summary>
    public static FileStatus Of(string path, bool followLinks = true) =>
        LinuxStatx.TryStat(path, followLinks) ?? DarwinStat.TryStat(path, followLinks) ?? Managed(path, followLinks);

    /// <summary>Same file as before: device, inode, size and modification time all equal.</summary>
    public bool IsSameVersion(FileStatus other) =>
        Kind == other.Kind && Device == other.Device && Inode == other.Inode && Size == other.Size && ModifiedTicks == other.ModifiedTicks;

    /// <summary>The kind in words for an error message.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a directory",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        _ => "not a regular file",
    };

    private static FileStatus Managed(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null)
        {
            return new FileStatus(FileKind.SymbolicLink, 0, null, null, null, null, null, 0, info.LastWriteTimeUtc.Ticks);
        }

        if (followLinks && info.LinkTarget is not null)
        {
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            if (final is null || !final.Exists)
            {
                return Missing;
            }

            info = final;
        }

        if (!info.Exists)
        {
            return Missing;
        }

        var mode = OperatingSystem.IsWindows() ? 0 : info.UnixFileMode;
        return info is DirectoryInfo
            ? new FileStatus(FileKind.Directory, mode, null, null, null, null, null, 0, info.LastWriteTimeUtc.Ticks)
            : new FileStatus(FileKind.Regular, mode, null, null, null, null, null, ((FileInfo)info).Length, info.LastWriteTimeUtc.Ticks);
    }
}
