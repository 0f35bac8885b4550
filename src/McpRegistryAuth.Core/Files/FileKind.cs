namespace McpRegistryAuth.Core.Files;

/// <summary>What a path names, as stat(2) reports it. Unknown where the platform cannot tell.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}
