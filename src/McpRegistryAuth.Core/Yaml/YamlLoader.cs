using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// Loads YAML through YamlDotNet's parser events into our own positioned node tree, under the
/// limits of a <see cref="YamlLoadOptions"/>. Every problem becomes a Finding with its line; no
/// exception from malformed input leaves this class.
/// </summary>
public static partial class YamlLoader
{
    /// <summary>Reads and loads a file. A missing or unreadable file is a Finding, not an exception.</summary>
    public static YamlDocument LoadFile(string path, YamlLoadOptions options) => LoadFile(path, options, null);

    /// <summary>
    /// As <see cref="LoadFile(string, YamlLoadOptions)"/>, handing each entry of a mapping root to
    /// <paramref name="rootEntries"/> as soon as it is read instead of keeping it: the returned root is
    /// then a mapping without entries. For callers that convert a large file into their own model.
    /// </summary>
    internal static YamlDocument LoadFile(string path, YamlLoadOptions options, Action<YamlNode, YamlNode>? rootEntries)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed(path, Error(YamlFindingCodes.Unreadable, $"The file {path} does not exist.", path, null, null, "Check the path."));
            }

            if (info.Length > options.MaxBytes)
            {
                return Failed(path, TooLarge(info.Length, options, path));
            }

            bytes = Files.BoundedFileReader.ReadAllBytes(path, options.MaxBytes);
        }
        catch (Files.FileContentException ex) when (ex.ErrorId == "FileTooLarge")
        {
            return Failed(path, Error(YamlFindingCodes.TooLarge, $"The file holds more than {options.MaxBytes} bytes (reading stopped there); the limit for a {options.ServerName} configuration here is {options.MaxBytes} bytes.", path, null, null,
                "Check that the path names the configuration file; a real configuration is a few kilobytes."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(path, Error(YamlFindingCodes.Unreadable, $"The file {path} could not be read: {ex.Message}", path, null, null, "Check the path and its permissions."));
        }

        return Load(bytes, path, options, rootEntries);
    }

    /// <summary>Loads YAML bytes (UTF-8, or UTF-16 with a byte-order mark).</summary>
    public static YamlDocument Load(ReadOnlySpan<byte> bytes, string? file, YamlLoadOptions options) => Load(bytes, file, options, null);

    /// <summary>As <see cref="Load(ReadOnlySpan{byte}, string?, YamlLoadOptions)"/>, handing a mapping root's entries to <paramref name="rootEntries"/> as they are read.</summary>
    internal static YamlDocument Load(ReadOnlySpan<byte> bytes, string? file, YamlLoadOptions options, Action<YamlNode, YamlNode>? rootEntries)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (bytes.Length > options.MaxBytes)
        {
            return Failed(file, TooLarge(bytes.Length, options, file));
        }

        if (!TryDecode(bytes, out var text, out var badOffset, out var what))
        {
            var line = LineOfOffset(bytes, badOffset);
            return Failed(file, Error(YamlFindingCodes.NotText, $"The file is not YAML text: {what} at byte {badOffset} (line {line}).", file, line, null,
                "Save the file as UTF-8 text; check that the path names the configuration and not a binary file."));
        }

        return LoadText(text, file, options, rootEntries);
    }

    /// <summary>Loads YAML text.</summary>
    public static YamlDocument Load(string text, string? file, YamlLoadOptions options) => Load(text, file, options, null);

    /// <summary>As <see cref="Load(string, string?, YamlLoadOptions)"/>, handing a mapping root's entries to <paramref name="rootEntries"/> as they are read.</summary>
    internal static YamlDocument Load(string text, string? file, YamlLoadOptions options, Action<YamlNode, YamlNode>? rootEntries)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var size = text.Length > options.MaxBytes ? text.Length : Encoding.UTF8.GetByteCount(text);
        if (size > options.MaxBytes)
        {
            return Failed(file, TooLarge(size, options, file));
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            var line = 1 + text.AsSpan(0, nul).Count('\n');
            return Failed(file, Error(YamlFindingCodes.NotText, $"The file is not YAML text: a NUL character at line {line}.", file, line, null,
                "Save the file as UTF-8 text; check that the path names the configuration and not a binary file."));
        }

        return LoadText(text, file, options, rootEntries);
    }

    private static YamlDocument LoadText(string text, string? file, YamlLoadOptions options, Action<YamlNode, YamlNode>? rootEntries)
    {
        var builder = new YamlTreeBuilder(options, file, rootEntries);
        var parser = new Parser(new StringReader(text));
        try
        {
            var root = builder.ReadStream(parser);
            return new YamlDocument(root, builder.Findings, file);
        }
        catch (YamlLoadAbortedException)
        {
            return new YamlDocument(null, builder.Findings, file);
        }
        catch (YamlException ex)
        {
            builder.Findings.Add(SyntaxFinding(ex.Start, ex.End, MarkPrefix().Replace(ex.Message, ""), text, file));
            return new YamlDocument(null, builder.Findings, file);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input (e.g. an unclosed flow
            // sequence) instead of a YamlException; the last event read says where it stopped.
            var at = parser.Current?.End ?? Mark.Empty;
            builder.Findings.Add(SyntaxFinding(at, at, "the YAML parser could not continue after this point (unclosed bracket, quote or block?).", text, file));
            return new YamlDocument(null, builder.Findings, file);
        }
    }

    private static Finding SyntaxFinding(Mark at, Mark end, string reason, string text, string? file)
    {
        var line = (int)Math.Max(1, at.Line);
        var column = (int)Math.Max(1, at.Column);
        var fix = "Correct the YAML syntax at this line.";
        var tabLine = TabIndentedLine(text, line, (int)Math.Max(line, end.Line), reason.Contains("tab", StringComparison.OrdinalIgnoreCase));
        if (tabLine is not null)
        {
            line = tabLine.Value;
            column = 1;
            reason = "a tab character is used for indentation; YAML allows only spaces. " + reason;
            fix = "Indent with spaces instead of tabs.";
        }

        return Error(YamlFindingCodes.Syntax, $"Invalid YAML at line {line}, column {column}: {reason}", file, line, column, fix);
    }

    /// <summary>
    /// The line whose indentation holds the tab that caused a syntax error, or null. A tab in the
    /// indentation is the usual cause of an error at or just after its line, and YamlDotNet then names
    /// the tab, often at the start of the enclosing mapping, so its line is searched from there on. When
    /// a tab opens a mapping (e.g. the first key of the file), YamlDotNet instead reads on and gives up at
    /// a later key without naming the tab: then the nearest line above that starts with a tab (never valid
    /// indentation in block YAML) is the cause.
    /// </summary>
    private static int? TabIndentedLine(string text, int errorLine, int errorEndLine, bool parserNamedTab)
    {
        var lines = text.Split('\n');
        var last = parserNamedTab ? lines.Length : Math.Min(lines.Length, errorEndLine + 1);
        for (var i = Math.Max(0, errorLine - 3); i < last; i++)
        {
            if (HasTabInIndentation(lines[i]))
            {
                return i + 1;
            }
        }

        // Parsing went on past the tab line and failed later: the nearest line above that starts with a tab.
        for (var i = Math.Min(lines.Length, Math.Max(0, errorLine - 3)) - 1; i >= 0; i--)
        {
            if (StartsWithTabbedContent(lines[i]))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static bool HasTabInIndentation(string line)
    {
        foreach (var c in line)
        {
            if (c == '\t') return true;
            if (c != ' ') break;
        }

        return false;
    }

    // A line that starts with a tab and holds YAML content (not only blanks or a comment).
    private static bool StartsWithTabbedContent(string line)
    {
        if (line.Length == 0 || line[0] != '\t')
        {
            return false;
        }

        var content = line.AsSpan().TrimStart(" \t");
        return content.Length > 0 && content[0] is not ('#' or '\r');
    }

    private static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out int badOffset, out string what)
    {
        text = "";
        badOffset = 0;
        what = "";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(bytes[2..]);
            return true;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(bytes[2..]);
            return true;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var nul = bytes.IndexOf((byte)0);
        var offset = 0;
        while (offset < bytes.Length && (nul < 0 || offset < nul))
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                badOffset = offset;
                what = "a byte that is not valid UTF-8";
                return false;
            }

            offset += consumed;
        }

        if (nul >= 0)
        {
            badOffset = nul;
            what = "a NUL byte";
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        return true;
    }

    private static int LineOfOffset(ReadOnlySpan<byte> bytes, int offset) => 1 + bytes[..Math.Min(offset, bytes.Length)].Count((byte)'\n');

    private static Finding TooLarge(long size, YamlLoadOptions options, string? file) =>
        Error(YamlFindingCodes.TooLarge, $"The file is {size} bytes; the limit for a {options.ServerName} configuration here is {options.MaxBytes} bytes.", file, null, null,
            "Check that the path names the configuration file; a real configuration is a few kilobytes.");

    private static YamlDocument Failed(string? file, Finding finding) => new(null, [finding], file);

    internal static Finding Error(string code, string message, string? file, int? line, int? column, string fix, string? path = null) => new()
    {
        Severity = FindingSeverity.Error,
        Code = code,
        Message = message,
        File = file,
        Line = line,
        Column = column,
        Path = path,
        Fix = fix,
    };

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
