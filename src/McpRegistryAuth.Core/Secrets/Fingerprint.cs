using System.Security.Cryptography;
using System.Text;

namespace McpRegistryAuth.Core;

/// <summary>The one way a secret is shown: the first 8 hex characters of the SHA-256 of its UTF-8 bytes.</summary>
public static class Fingerprint
{
    public const int Length = 8;

    public static string Of(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), hash);
        return Convert.ToHexString(hash[..(Length / 2)]).ToLowerInvariant();
    }
}
