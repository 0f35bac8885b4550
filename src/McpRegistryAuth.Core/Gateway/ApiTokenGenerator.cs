using System.Security.Cryptography;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Mints static API tokens the way the gateway docs do (<c>secrets.token_urlsafe(32)</c>): CSPRNG bytes
/// as base64url without padding. The alphabet never yields white space or a leading '#', so the token
/// survives .env files and toolregistry-server token files.
/// </summary>
public static class ApiTokenGenerator
{
    public const int DefaultByteCount = 32;

    /// <summary>24 bytes give 32 characters, the gateway's minimum length.</summary>
    public const int MinimumByteCount = 24;

    public const int MaximumByteCount = 1024;

    public static Secret Generate(int byteCount = DefaultByteCount)
    {
        if (byteCount is < MinimumByteCount or > MaximumByteCount)
        {
            throw new ArgumentOutOfRangeException(nameof(byteCount), byteCount, $"ByteCount must be between {MinimumByteCount} and {MaximumByteCount}: fewer than {MinimumByteCount} bytes give a token shorter than the gateway's 32-character minimum.");
        }

        // Re-draw in the (astronomically unlikely) case the value trips the server's placeholder rule.
        while (true)
        {
            var bytes = RandomNumberGenerator.GetBytes(byteCount);
            var token = Base64Url(bytes);
            CryptographicOperations.ZeroMemory(bytes);
            if (SigningSecretRule.Validate(token, GatewaySettingNames.ApiToken, required: true).IsAccepted)
            {
                return new Secret(token);
            }
        }
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
