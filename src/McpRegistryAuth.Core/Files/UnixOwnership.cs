using System.Runtime.InteropServices;

namespace McpRegistryAuth.Core.Files;

/// <summary>lchown(2): gives a replacement file the owner and group of the file it replaces.</summary>
internal static class UnixOwnership
{
    /// <summary>Returns the errno on failure, 0 on success.</summary>
    public static int TryChange(string path, uint ownerId, uint groupId) =>
        LChown(path, ownerId, groupId) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LChown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint ownerId, uint groupId);
}
