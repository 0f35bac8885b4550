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

    public override string ToString() => $"<token {Fingerprint}>";
}
