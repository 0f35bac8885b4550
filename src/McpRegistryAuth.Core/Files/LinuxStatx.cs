using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// statx(2) through glibc: the one stat call whose structure is the same on every Linux architecture,
/// and the only way .NET 8 can see a file's type (FIFO, device), owner, inode and link count.
/// </summary>
internal static class LinuxStatx
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint BasicStats = 0x7ff;
    private const int Enoent = 2;
    private const int Enotdir = 20;

    private static bool unavailable;

    /// <summary>Null when statx is not there (not Linux, old glibc, musl before 1.2.5).</summary>
    public static FileStatus? TryStat(string path, bool followLinks)
    {
        if (FileStatusSources.Current != FileStatusSource.LinuxStatx || unavailable)
        {
            return null;
        }

        var buffer = new byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, BasicStats, buffer);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true;
            return null;
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Enoent or Enotdir)
            {
                return FileStatus.Missing;
            }

            return null;
        }

        var span = buffer.AsSpan();
        var mode = BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(span[28..]) : BinaryPrimitives.ReadUInt16BigEndian(span[28..]);
        return new FileStatus(
            FileKinds.FromMode(mode),
            (UnixFileMode)(mode & 0xFFF),
            OwnerId: ReadUInt32(span[20..]),
            GroupId: ReadUInt32(span[24..]),
            LinkCount: ReadUInt32(span[16..]),
            Device: ((ulong)ReadUInt32(span[136..]) << 32) | ReadUInt32(span[140..]),
            Inode: ReadUInt64(span[32..]),
            Size: (long)ReadUInt64(span[40..]),
            ModifiedTicks: ((long)ReadUInt64(span[112..]) * 10_000_000) + (ReadUInt32(span[120..]) / 100));
    }

    // statx fills the structure in the machine's own byte order.
    private static uint ReadUInt32(ReadOnlySpan<byte> span) => BitConverter.IsLittleEndian
        ? BinaryPrimitives.ReadUInt32LittleEndian(span)
        : BinaryPrimitives.ReadUInt32BigEndian(span);

    private static ulong ReadUInt64(ReadOnlySpan<byte> span) => BitConverter.IsLittleEndian
        ? BinaryPrimitives.ReadUInt64LittleEndian(span)
        : BinaryPrimitives.ReadUInt64BigEndian(span);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [In, Out] byte[] buffer);
}
