using System.Text;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>A compact JWS split and decoded: header and claims as JSON objects, the signing input and the signature bytes.</summary>
internal sealed class JwtParts
{
    public required JsonObjectView Header { get; init; }

    public required JsonObjectView Claims { get; init; }

    /// <summary>ASCII bytes of <c>header.payload</c>, what the signature covers.</summary>
    public required byte[] SigningInput { get; init; }

    /// <summary>Null when the signature segment is not valid base64url for the parsing library.</summary>
    public byte[]? Signature { get; init; }

    public static byte[] SigningInputOf(string token, int lastDot) => Encoding.UTF8.GetBytes(token.AsSpan(0, lastDot).ToString());
}
