using System.Security;

namespace McpRegistryAuth.Output;

/// <summary>A newly minted static API token. The token stays a SecureString; views show only its fingerprint.</summary>
public sealed class RegistryApiToken
{
    public RegistryApiToken(SecureString token, int length, string fingerprint, IReadOnlyList<string> files)
    {
        Token = token;
        Length = length;
        Fingerprint = fingerprint;
        Files = files;
    }

    public SecureString Token { get; }

    public int Length { get; }

    public string Fingerprint { get; }

    /// <summary>Files the token was written to.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>A self-signed token's signing: ES256 or HS256; null for a static token.</summary>
    public string? Algorithm { get; init; }

    /// <summary>A self-signed ES256 token's kid (es256- and the key's RFC 7638 thumbprint); null otherwise.</summary>
    public string? KeyId { get; init; }

    /// <summary>A self-signed token's exp; null for a static token, which does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public override string ToString() => $"<token {Fingerprint}>";
}
