using System.Buffers;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// Decodes one JWT segment the way each server's JWT library does. The two differ on purpose:
/// golang-jwt (ToolHive) uses Go's RawURLEncoding, which refuses '=' padding and any character outside
/// the URL-safe alphabet but skips CR and LF; PyJWT (the gateway) pads the segment to a multiple of four
/// and hands it to Python's non-validating decoder, which drops characters outside the alphabet.
/// </summary>
internal static class Base64UrlSegment
{
    /// <summary>Go <c>base64.RawURLEncoding.DecodeString</c>: null when Go reports an error.</summary>
    public static byte[]? DecodeRawUrl(ReadOnlySpan<char> segment)
    {
        var buffer = ArrayPool<char>.Shared.Rent(segment.Length + 3);
        try
        {
            var count = 0;
            foreach (var c in segment)
            {
                if (c is '\r' or '\n') continue; // Go's decoder skips newlines
                var standard = ToStandard(c);
                if (standard == '\0') return null; // includes '=': RawURLEncoding has no padding
                buffer[count++] = standard;
            }

            return count % 4 == 1 ? null : DecodeStandard(buffer, count);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// PyJWT <c>base64url_decode</c>: pad by the raw length, then decode without validation, so characters
    /// outside the alphabet are dropped. Null where Python raises binascii.Error (a lone sixth-bit character,
    /// or too little padding for the data characters that remain).
    /// </summary>
    public static byte[]? DecodePythonLenient(ReadOnlySpan<char> segment)
    {
        var pads = segment.Length % 4 == 0 ? 0 : 4 - segment.Length % 4;
        var buffer = ArrayPool<char>.Shared.Rent(segment.Length + 3);
        try
        {
            var count = 0;
            foreach (var c in segment)
            {
                if (c == '=')
                {
                    pads++;
                    continue;
                }

                var standard = ToStandard(c);
                if (standard != '\0') buffer[count++] = standard;
            }

            var remainder = count % 4;
            if (remainder == 1) return null;
            if (remainder != 0 && pads < 4 - remainder) return null;
            return DecodeStandard(buffer, count);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The standard-alphabet character for a URL-safe one; '\0' for anything outside the URL-safe alphabet.</summary>
    private static char ToStandard(char c) => c switch
    {
        >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' => c,
        '-' => '+',
        '_' => '/',
        _ => '\0',
    };

    /// <summary>Decodes <paramref name="count"/> standard-alphabet characters, padding them in place.</summary>
    private static byte[] DecodeStandard(char[] buffer, int count)
    {
        var padded = count + (4 - count % 4) % 4;
        for (var i = count; i < padded; i++) buffer[i] = '=';
        return Convert.FromBase64CharArray(buffer, 0, padded);
    }
}
