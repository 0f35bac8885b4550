using McpRegistryAuth.Core.Files;
using System.Text;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// A toolregistry-server tokens file (<c>toolregistry-server openapi --tokens FILE</c>) read the way the
/// server's <c>load_tokens()</c> reads it: plain UTF-8 (a BOM is kept), Python <c>splitlines()</c>, each line
/// <c>strip()</c>ped, blank lines and lines starting with '#' skipped, every other line one token.
/// The server reads the file once at startup.
/// </summary>
public sealed class TokensFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TokensFile(string? path, bool exists, IReadOnlyList<TokenEntry> tokens, IReadOnlyList<CommentLine> comments, IReadOnlyList<Finding> findings)
    {
        Path = path;
        Exists = exists;
        Tokens = tokens;
        Comments = comments;
        Findings = findings;
    }

    public string? Path { get; }

    /// <summary>False when the server would exit at startup (file missing or not UTF-8).</summary>
    public bool Exists { get; }

    /// <summary>Active tokens in file order, duplicates included (the server's set collapses them).</summary>
    public IReadOnlyList<TokenEntry> Tokens { get; }

    public IReadOnlyList<CommentLine> Comments { get; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The server starts: the file exists and decodes as UTF-8.</summary>
    public bool ServerStarts => Exists && !Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>The server builds its bearer dependency only when at least one token is active.</summary>
    public bool AuthEnabled => ServerStarts && Tokens.Count > 0;

    public static TokensFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = BoundedFileReader.ReadAllBytes(path);
        }
        catch (FileContentException e) when (e.ErrorId is "FileNotFound" or "SymbolicLinkDangling")
        {
            return Refused(path, exists: false, new Finding
            {
                Severity = FindingSeverity.Error,
                Code = TokensFileCodes.FileNotFound,
                Message = $"Tokens file not found: {path}",
                File = path,
                Fix = "Create the file or pass the right path to --tokens; the server exits with status 1 until then.",
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(path, exists: true, Unreadable(path, e.Message));
        }

        var file = Parse(bytes, path);
        var modeFinding = ModeFinding(path);
        return modeFinding is null ? file : new TokensFile(file.Path, file.Exists, file.Tokens, file.Comments, [.. file.Findings, modeFinding]);
    }

    public static TokensFile Parse(string text, string? path = null) => Parse(StrictUtf8.GetBytes(text), path);

    public static TokensFile Parse(byte[] content, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        string text;
        try
        {
            // Plain utf-8, not utf-8-sig: GetString keeps a leading U+FEFF just as Python does.
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index >= 0 ? $" at byte {e.Index}" : "";
            return Refused(path, exists: true, Unreadable(path, $"invalid UTF-8{offset}"));
        }

        var tokens = new List<TokenEntry>();
        var comments = new List<CommentLine>();
        var findings = new List<Finding>();
        var lines = PythonLines.Split(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var stripped = PythonText.Strip(lines[i]);
            if (stripped.Length == 0) continue;
            if (stripped.StartsWith('#'))
            {
                comments.Add(new CommentLine(i + 1, new Secret(PythonText.Strip(stripped[1..]))));
                continue;
            }

            tokens.Add(new TokenEntry(i + 1, new Secret(stripped)));
        }

        findings.AddRange(LineFindings(tokens, path));
        if (tokens.Count == 0)
        {
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning,
                Code = TokensFileCodes.NoTokensAuthDisabled,
                Message = "The tokens file has no active token (only blank or '#' lines), so the server installs no authentication and allows every request.",
                File = path,
                Fix = "Add a token line (New-RegistryApiToken -ToolRegistryTokensFile) and restart the server.",
            });
        }

        return new TokensFile(path, exists: true, tokens, comments, findings);
    }

    private static IEnumerable<Finding> LineFindings(IReadOnlyList<TokenEntry> tokens, string? path)
    {
        var seen = new Dictionary<Secret, int>();
        foreach (var entry in tokens)
        {
            var value = entry.Token.Reveal();
            if (entry.CarriesBom)
            {
                var what = value.Length == 1
                    ? "The first line holds only a UTF-8 BOM, which the server keeps as a token no client can send"
                    : $"The file starts with a UTF-8 BOM, which the server keeps in the first token (fingerprint {entry.ClientFingerprint}), so that token can never match";
                yield return new Finding
                {
                    Severity = FindingSeverity.Warning,
                    Code = TokensFileCodes.ByteOrderMark,
                    Message = what + "; a '#' comment on that line would also become a token.",
                    File = path,
                    Line = entry.Line,
                    Column = 1,
                    Fix = "Save the file as UTF-8 without BOM (New-RegistryApiToken writes it so) and restart the server.",
                };
            }

            var hash = value.IndexOf('#');
            if (hash > 0 && PythonText.IsSpace(value[hash - 1]))
            {
                yield return new Finding
                {
                    Severity = FindingSeverity.Warning,
                    Code = TokensFileCodes.InlineCommentIsPartOfToken,
                    Message = $"Line {entry.Line} has text after '#': the server has no inline comments, so the whole line (fingerprint {entry.Token.Fingerprint}) is the token.",
                    File = path,
                    Line = entry.Line,
                    Column = hash + 1,
                    Fix = "Put the comment on its own line starting with '#'.",
                };
            }

            if (seen.TryGetValue(entry.Token, out var firstLine))
            {
                yield return new Finding
                {
                    Severity = FindingSeverity.Info,
                    Code = TokensFileCodes.DuplicateToken,
                    Message = $"Line {entry.Line} repeats the token of line {firstLine} (fingerprint {entry.Token.Fingerprint}); the server keeps one.",
                    File = path,
                    Line = entry.Line,
                    Fix = "Remove the duplicate line.",
                };
            }
            else
            {
                seen[entry.Token] = entry.Line;
            }
        }
    }

    private static Finding? ModeFinding(string path)
    {
        if (OperatingSystem.IsWindows()) return null;
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        if ((mode & others) == 0) return null;
        return new Finding
        {
            Severity = FindingSeverity.Warning,
            Code = TokensFileCodes.ReadableByOthers,
            Message = $"The tokens file is readable or writable by group or others (mode {Convert.ToString((int)mode, 8)}), yet it holds bearer tokens.",
            File = path,
            Fix = $"chmod 600 '{path}'",
        };
    }

    private static Finding Unreadable(string? path, string reason) => new()
    {
        Severity = FindingSeverity.Error,
        Code = TokensFileCodes.Unreadable,
        Message = $"The server cannot read the tokens file as UTF-8 ({reason}) and exits with status 1.",
        File = path,
        Fix = "Save the file as UTF-8 text, one token per line.",
    };

    private static TokensFile Refused(string? path, bool exists, Finding finding) =>
        new(path, exists, Array.Empty<TokenEntry>(), Array.Empty<CommentLine>(), [finding]);
}
