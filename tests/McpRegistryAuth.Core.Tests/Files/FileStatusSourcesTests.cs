using System.Buffers.Binary;
using System.Runtime.InteropServices;
using McpRegistryAuth.Core.Files;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

/// <summary>
/// The macOS status source cannot run here; what can be checked on Linux is that it is the one picked on
/// macOS (with the entry point each architecture has) and that Darwin's struct stat is read at the right
/// offsets.
/// </summary>
public class FileStatusSourcesTests
{
    [Theory]
    [InlineData(true, false, Architecture.X64, "LinuxStatx")]
    [InlineData(true, false, Architecture.Arm64, "LinuxStatx")]
    [InlineData(false, true, Architecture.Arm64, "DarwinStat")]
    [InlineData(false, true, Architecture.X64, "DarwinStatInode64")]
    [InlineData(false, false, Architecture.X64, "Managed")]
    [InlineData(false, true, Architecture.X86, "Managed")]
    public void Select_ByOperatingSystemAndArchitecture(bool isLinux, bool isMacOS, Architecture architecture, string expected) =>
        Assert.Equal(Enum.Parse<FileStatusSource>(expected), FileStatusSources.Select(isLinux, isMacOS, architecture));

    [Fact]
    public void Current_OnThisMachine()
    {
        var expected = OperatingSystem.IsLinux() ? FileStatusSource.LinuxStatx
            : OperatingSystem.IsMacOS() ? (RuntimeInformation.ProcessArchitecture == Architecture.X64 ? FileStatusSource.DarwinStatInode64 : FileStatusSource.DarwinStat)
            : FileStatusSource.Managed;
        Assert.Equal(expected, FileStatusSources.Current);
    }

    [Fact]
    public void DarwinStat_IsNotUsedOffMacOS()
    {
        if (OperatingSystem.IsMacOS())
        {
            return;
        }

        Assert.Null(DarwinStat.TryStat(Path.GetTempPath(), followLinks: true));
    }

    [Fact]
    public void DarwinStat_ReadsTheStructAtDarwinsOffsets()
    {
        var stat = new byte[DarwinStat.BufferSize];
        BinaryPrimitives.WriteInt32LittleEndian(stat.AsSpan(0), 0x1000004);          // st_dev
        BinaryPrimitives.WriteUInt16LittleEndian(stat.AsSpan(4), 0x1000 | 0b110_000_000); // st_mode: FIFO, 0600
        BinaryPrimitives.WriteUInt16LittleEndian(stat.AsSpan(6), 3);                  // st_nlink
        BinaryPrimitives.WriteUInt64LittleEndian(stat.AsSpan(8), 0x1122334455667788); // st_ino
        BinaryPrimitives.WriteUInt32LittleEndian(stat.AsSpan(16), 501);               // st_uid
        BinaryPrimitives.WriteUInt32LittleEndian(stat.AsSpan(20), 20);                // st_gid
        BinaryPrimitives.WriteInt64LittleEndian(stat.AsSpan(32), 111);                // st_atimespec.tv_sec (not read)
        BinaryPrimitives.WriteInt64LittleEndian(stat.AsSpan(48), 1_700_000_000);      // st_mtimespec.tv_sec
        BinaryPrimitives.WriteInt64LittleEndian(stat.AsSpan(56), 123_456_789);        // st_mtimespec.tv_nsec
        BinaryPrimitives.WriteInt64LittleEndian(stat.AsSpan(64), 222);                // st_ctimespec.tv_sec (not read)
        BinaryPrimitives.WriteInt64LittleEndian(stat.AsSpan(96), 4096);               // st_size
        BinaryPrimitives.WriteInt64LittleEndian(stat.AsSpan(104), 8);                 // st_blocks (not read)

        var status = DarwinStat.Parse(stat);

        Assert.Equal(FileKind.Fifo, status.Kind);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, status.Mode);
        Assert.Equal(3u, status.LinkCount);
        Assert.Equal(0x1122334455667788ul, status.Inode);
        Assert.Equal(0x1000004ul, status.Device);
        Assert.Equal(501u, status.OwnerId);
        Assert.Equal(20u, status.GroupId);
        Assert.Equal(4096, status.Size);
        Assert.Equal((1_700_000_000L * 10_000_000) + 1_234_567, status.ModifiedTicks);
    }

    [Theory]
    [InlineData(0x8000, FileKind.Regular)]
    [InlineData(0x4000, FileKind.Directory)]
    [InlineData(0xA000, FileKind.SymbolicLink)]
    [InlineData(0x2000, FileKind.CharacterDevice)]
    [InlineData(0x6000, FileKind.BlockDevice)]
    [InlineData(0xC000, FileKind.Socket)]
    public void DarwinStat_ReadsEveryFileType(int type, FileKind expected)
    {
        var stat = new byte[DarwinStat.BufferSize];
        BinaryPrimitives.WriteUInt16LittleEndian(stat.AsSpan(4), (ushort)(type | 0x1A4));
        Assert.Equal(expected, DarwinStat.Parse(stat).Kind);
    }
}
