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
        var clean = new char[segment.Length];
        var count = 0;
        foreach (var c in segment)
        {
            if (c is '\r' or '\n') continue; // Go's decoder skips newlines
            if (!IsUrlAlphabet(c)) return null; // includes '=': RawURLEncoding has no padding
            clean[count++] = c;
        }

        return count % 4 == 1 ? null : DecodeAlphabet(clean.AsSpan(0, count));
    }

    /// <summary>
    /// PyJWT <c>base64url_decode</c>: pad by the raw length, then decode without validation, so characters
    /// outside the alphabet are dropped. Null where Python raises binascii.Error (a lone sixth-bit character,
    /// or too little padding for the data characters that remain).
    /// </summary>
    public static byte[]? DecodePythonLenient(ReadOnlySpan<char> segment)
    {
        var pads = segment.Length % 4 == 0 ? 0 : 4 - segment.Length % 4;
        var clean = new List<char>(segment.Length);
        foreach (var c in segment)
        {
            if (c == '=') pads++;
            else if (IsUrlAlphabet(c)) clean.Add(c);
        }

        var remainder = clean.Count % 4;
        if (remainder == 1) return null;
        if (remainder != 0 && pads < 4 - remainder) return null;
        return DecodeAlphabet(clean.ToArray());
    }

    private static bool IsUrlAlphabet(char c) =>
        c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';

    private static byte[] DecodeAlphabet(ReadOnlySpan<char> chars)
    {
        var standard = new char[chars.Length + (4 - chars.Length % 4) % 4];
        for (var i = 0; i < chars.Length; i++)
        {
            standard[i] = chars[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        for (var i = chars.Length; i < standard.Length; i++) standard[i] = '=';
        return Convert.FromBase64CharArray(standard, 0, standard.Length);
    }
}
