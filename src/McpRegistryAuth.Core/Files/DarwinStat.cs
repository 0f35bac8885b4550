using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// stat(2) and lstat(2) through libc on macOS, read with Darwin's 64-bit-inode struct stat (the only
/// layout on Apple silicon, "stat$INODE64" on Intel, where plain "stat" is the old 32-bit-inode call).
/// It gives what .NET 8 cannot: the file's type (FIFO, device), owner, inode and link count.
/// The layout (144 bytes, little-endian on both architectures):
/// st_dev int32 @0, st_mode uint16 @4, st_nlink uint16 @6, st_ino uint64 @8, st_uid uint32 @16,
/// st_gid uint32 @20, st_rdev int32 @24, (pad) @28, st_atimespec @32, st_mtimespec @48 (tv_sec int64,
/// tv_nsec int64), st_ctimespec @64, st_birthtimespec @80, st_size int64 @96, st_blocks @104,
/// st_blksize @112, st_flags @116, st_gen @120, st_lspare @124, st_qspare[2] @128.
/// </summary>
internal static class DarwinStat
{
    public const int BufferSize = 144;
    private const int Enoent = 2;
    private const int Enotdir = 20;

    private static bool unavailable;

    /// <summary>Null when not on macOS or when libc's stat cannot be called.</summary>
    public static FileStatus? TryStat(string path, bool followLinks)
    {
        var source = FileStatusSources.Current;
        if (source is not (FileStatusSource.DarwinStat or FileStatusSource.DarwinStatInode64) || unavailable)
        {
            return null;
        }

        var buffer = new byte[BufferSize];
        int result;
        try
        {
            result = (source, followLinks) switch
            {
                (FileStatusSource.DarwinStatInode64, true) => StatInode64(path, buffer),
                (FileStatusSource.DarwinStatInode64, false) => LStatInode64(path, buffer),
                (_, true) => Stat(path, buffer),
                _ => LStat(path, buffer),
            };
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            unavailable = true;
            return null;
        }

        if (result != 0)
        {
            return Marshal.GetLastPInvokeError() is Enoent or Enotdir ? FileStatus.Missing : null;
        }

        return Parse(buffer);
    }

    /// <summary>Reads Darwin's struct stat (see the class summary for the layout).</summary>
    public static FileStatus Parse(ReadOnlySpan<byte> stat)
    {
        if (stat.Length < BufferSize)
        {
            throw new ArgumentException($"A Darwin struct stat is {BufferSize} bytes.", nameof(stat));
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(stat[4..]);
        return new FileStatus(
            FileKinds.FromMode(mode),
            (UnixFileMode)(mode & 0xFFF),
            OwnerId: BinaryPrimitives.ReadUInt32LittleEndian(stat[16..]),
            GroupId: BinaryPrimitives.ReadUInt32LittleEndian(stat[20..]),
            LinkCount: BinaryPrimitives.ReadUInt16LittleEndian(stat[6..]),
            Device: BinaryPrimitives.ReadUInt32LittleEndian(stat[0..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(stat[8..]),
            Size: BinaryPrimitives.ReadInt64LittleEndian(stat[96..]),
            ModifiedTicks: (BinaryPrimitives.ReadInt64LittleEndian(stat[48..]) * 10_000_000) + (BinaryPrimitives.ReadInt64LittleEndian(stat[56..]) / 100));
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [In, Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [In, Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int StatInode64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [In, Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "lstat$INODE64", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LStatInode64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [In, Out] byte[] buffer);
}
