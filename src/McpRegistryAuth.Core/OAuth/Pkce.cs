using System.Security.Cryptography;
using System.Text;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The one-time values of an authorization request: the PKCE verifier and its S256 challenge (RFC 7636),
/// the state that ties the browser's return to this request, and the nonce the ID token must carry.
/// </summary>
public sealed record Pkce(Secret Verifier, string Challenge, string State, string Nonce)
{
    public const string Method = "S256";

    public static Pkce Create()
    {
        var verifier = RandomText(32); // 43 characters, within RFC 7636's 43-128
        return new Pkce(new Secret(verifier), ChallengeOf(verifier), RandomText(16), RandomText(16));
    }

    /// <summary>BASE64URL(SHA256(ASCII(verifier))), RFC 7636 4.2.</summary>
    public static string ChallengeOf(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static string RandomText(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
