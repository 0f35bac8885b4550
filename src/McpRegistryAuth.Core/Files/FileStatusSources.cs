using System.Runtime.InteropServices;

namespace McpRegistryAuth.Core.Files;

/// <summary>Where <see cref="FileStatus"/> reads a file's status on this machine.</summary>
internal enum FileStatusSource
{
    /// <summary>.NET's FileInfo: no FIFOs, devices, owners, inodes or link counts (Windows, other systems).</summary>
    Managed,

    /// <summary>statx(2) through glibc or musl (Linux, every architecture).</summary>
    LinuxStatx,

    /// <summary>stat/lstat with Darwin's 64-bit-inode struct (macOS on Apple silicon).</summary>
    DarwinStat,

    /// <summary>stat$INODE64/lstat$INODE64 (macOS on Intel, where plain stat has the old 32-bit-inode struct).</summary>
    DarwinStatInode64,
}

/// <summary>Picks the status source by operating system and architecture.</summary>
internal static class FileStatusSources
{
    public static FileStatusSource Current { get; } = Select(OperatingSystem.IsLinux(), OperatingSystem.IsMacOS(), RuntimeInformation.ProcessArchitecture);

    public static FileStatusSource Select(bool isLinux, bool isMacOS, Architecture architecture) => (isLinux, isMacOS, architecture) switch
    {
        (true, _, _) => FileStatusSource.LinuxStatx,
        (_, true, Architecture.X64) => FileStatusSource.DarwinStatInode64,
        (_, true, Architecture.Arm64) => FileStatusSource.DarwinStat,
        _ => FileStatusSource.Managed,
    };
}
