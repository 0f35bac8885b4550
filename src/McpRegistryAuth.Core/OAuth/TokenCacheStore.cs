using McpRegistryAuth.Core.Files;
using Microsoft.Identity.Client.Extensions.Msal;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Where the token cache's bytes live. Linux (and any other Unix): a file of mode 0600, replaced atomically.
/// Windows: the same file encrypted with DPAPI for the user; macOS: the Keychain; both through
/// Microsoft.Identity.Client.Extensions.Msal's Storage (written to its API, not run here: only Linux runs
/// the tests). The caller holds <see cref="Files.FileLock"/> around every read and write.
/// </summary>
public static class TokenCacheStore
{
    private const string KeychainService = "McpRegistryAuth.TokenCache";
    private const string KeychainAccount = "McpRegistryAuth";

    public static bool IsProtectedByPlatform => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

    public static byte[]? Read(string path)
    {
        if (IsProtectedByPlatform) return PlatformStorage(path).ReadData() is { Length: > 0 } data ? data : null;
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public static void Write(string path, byte[] bytes)
    {
        if (IsProtectedByPlatform)
        {
            PlatformStorage(path).WriteData(bytes);
            return;
        }

        AtomicFileWriter.WriteAllBytes(path, bytes);
    }

    private static Storage PlatformStorage(string path) =>
        Storage.Create(new StorageCreationPropertiesBuilder(Path.GetFileName(path), Path.GetDirectoryName(path))
            .WithMacKeyChain(KeychainService, KeychainAccount)
            .Build());
}
