namespace McpRegistryAuth.Core.Files;

/// <summary>The file type bits of a st_mode (S_IFMT), the same values on Linux and macOS.</summary>
internal static class FileKinds
{
    public static FileKind FromMode(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Unknown,
    };
}
