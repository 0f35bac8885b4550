using System.Text;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// A text file read strictly as UTF-8: the BOM is reported (not silently dropped), and bytes that are
/// not UTF-8 are an error naming the line, because every server here reads its files as UTF-8.
/// </summary>
public sealed class TextFileContent
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private TextFileContent(string path, byte[] bytes, string text, bool hasBom)
    {
        Path = path;
        Bytes = bytes;
        Text = text;
        HasBom = hasBom;
    }

    public string Path { get; }

    /// <summary>The file's bytes as read, BOM included.</summary>
    public byte[] Bytes { get; }

    /// <summary>The decoded text without the BOM.</summary>
    public string Text { get; }

    public bool HasBom { get; }

    /// <summary>Reads a file; throws <see cref="FileContentException"/> with a clear message for every bad input.</summary>
    public static TextFileContent Read(string path, long maxBytes = BoundedFileReader.DefaultMaxBytes, CancellationToken cancellation = default) =>
        Decode(path, BoundedFileReader.ReadAllBytes(path, maxBytes, cancellation));

    public static TextFileContent Decode(string path, byte[] bytes)
    {
        var hasBom = bytes.AsSpan().StartsWith(Utf8Bom);
        var body = hasBom ? bytes.AsMemory(Utf8Bom.Length) : bytes.AsMemory();
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            return new TextFileContent(path, bytes, strict.GetString(body.Span), hasBom);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = (hasBom ? Utf8Bom.Length : 0) + Math.Max(0, ex.Index);
            var line = 1 + body.Span[..Math.Min(Math.Max(0, ex.Index), body.Length)].Count((byte)'\n');
            throw new FileContentException(path, "FileNotUtf8", $"'{path}' is not UTF-8 text: invalid byte at offset {offset} (line {line}). Save it as UTF-8 without BOM.", ex) { Line = line };
        }
    }
}
