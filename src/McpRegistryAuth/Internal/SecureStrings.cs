using System.Runtime.InteropServices;
using System.Security;
using McpRegistryAuth.Core;

namespace McpRegistryAuth.Internal;

/// <summary>The one place where SecureString meets the core's Secret: at the cmdlet edge.</summary>
internal static class SecureStrings
{
    public static Secret ToSecret(SecureString value)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            // With the length: the NUL-terminated overload would stop at a U+0000 inside the token.
            return new Secret(Marshal.PtrToStringUni(pointer, value.Length));
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    public static SecureString ToSecureString(Secret secret) => ToSecureString(secret.Reveal());

    public static SecureString ToSecureString(string value)
    {
        var secure = new SecureString();
        foreach (var c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
