using System.Text;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>
/// Decodes one JWT segment the way each server's JWT library does. The two differ on purpose:
/// golang-jwt (ToolHive) uses Go's RawURLEncoding, which refuses '=' padding and any character outside
/// the URL-safe alphabet but skips CR and LF; PyJWT (the gateway) pads the segment to a multiple of four
/// bytes and hands it to Python's non-validating decoder (CPython binascii.a2b_base64), which skips
/// characters outside the alphabet, ignores stray '=' and stops at the first complete padding.
/// Neither checks that the unused trailing bits are zero.
/// </summary>
internal static class Base64UrlSegment
{
    /// <summary>Go <c>base64.RawURLEncoding.DecodeString</c>: null when Go reports an error.</summary>
    public static byte[]? DecodeRawUrl(ReadOnlySpan<char> segment)
    {
        var decoder = new QuadDecoder(segment.Length);
        foreach (var c in segment)
        {
            if (c is '\r' or '\n') continue; // Go's decoder skips newlines
            var value = c switch { '-' => 62, '_' => 63, _ => AlphaNumeric(c) };
            if (value < 0) return null; // includes '=': RawURLEncoding has no padding
            decoder.Add(value);
        }

        return decoder.Quad == 1 ? null : decoder.Result();
    }

    /// <summary>
    /// PyJWT <c>base64url_decode</c>: pad with '=' to a multiple of four UTF-8 bytes, translate '-' and '_' to
    /// '+' and '/', then decode leniently. Null where Python raises binascii.Error.
    /// </summary>
    public static byte[]? DecodePythonLenient(ReadOnlySpan<char> segment)
    {
        var byteLength = Encoding.UTF8.GetByteCount(segment);
        var padding = byteLength % 4 == 0 ? 0 : 4 - byteLength % 4;
        var decoder = new QuadDecoder(segment.Length + padding);
        var pads = 0;
        for (var i = 0; i < segment.Length + padding; i++)
        {
            var c = i < segment.Length ? segment[i] : '=';
            if (c == '=')
            {
                // A pad completes the quad only after two data characters; otherwise it is ignored.
                if (decoder.Quad >= 2 && decoder.Quad + ++pads >= 4) return decoder.Result();
                continue;
            }

            var value = c switch { '-' or '+' => 62, '_' or '/' => 63, _ => AlphaNumeric(c) };
            if (value < 0) continue; // not in the alphabet: skipped without validation
            pads = 0;
            decoder.Add(value);
        }

        return decoder.Quad == 0 ? decoder.Result() : null; // one extra data character, or incorrect padding
    }

    private static int AlphaNumeric(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        _ => -1,
    };

    /// <summary>Six bits at a time into bytes; the position in the current four-character quad is <see cref="Quad"/>.</summary>
    private struct QuadDecoder
    {
        private readonly byte[] output;
        private int count;
        private int carry;

        public QuadDecoder(int characters)
        {
            output = new byte[characters / 4 * 3 + 3];
            count = 0;
            carry = 0;
            Quad = 0;
        }

        public int Quad { get; private set; }

        public void Add(int value)
        {
            switch (Quad)
            {
                case 0:
                    carry = value;
                    break;
                case 1:
                    output[count++] = (byte)((carry << 2) | (value >> 4));
                    carry = value & 0x0F;
                    break;
                case 2:
                    output[count++] = (byte)((carry << 4) | (value >> 2));
                    carry = value & 0x03;
                    break;
                default:
                    output[count++] = (byte)((carry << 6) | value);
                    break;
            }

            Quad = (Quad + 1) % 4;
        }

        public readonly byte[] Result() => output.AsSpan(0, count).ToArray();
    }
}
