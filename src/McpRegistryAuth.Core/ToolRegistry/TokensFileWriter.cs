using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// Plans appending one token to a toolregistry-server tokens file without breaking its format: the
/// token must survive the server's strip() and must not read as a comment; the file stays UTF-8 without
/// BOM and every existing byte stays as it was.
/// </summary>
public static class TokensFileWriter
{
    public static FileEdit PlanAppend(string path, Secret token, bool force)
    {
        ArgumentNullException.ThrowIfNull(token);
        var value = token.Reveal();
        if (value.Length == 0 || PythonText.Strip(value) != value || value.Any(c => PythonLines.IsLineBoundary(c) || PythonText.IsSpace(c)))
        {
            throw new FileEditException(path, "TokenHasWhiteSpace", $"Token {token.Fingerprint} is empty or holds white space or a line break; toolregistry-server would not read it back as one token.");
        }

        if (value.StartsWith('#'))
        {
            throw new FileEditException(path, "TokenStartsWithHash", $"Token {token.Fingerprint} starts with '#', which toolregistry-server reads as a comment. Use a generated token.");
        }

        if (value[0] == '\uFEFF')
        {
            throw new FileEditException(path, "TokenStartsWithBom", $"Token {token.Fingerprint} starts with U+FEFF (a byte order mark).");
        }

        if (Directory.Exists(path))
        {
            throw new FileEditException(path, "TokensFileIsDirectory", $"'{path}' is a directory; give the path of the tokens file.");
        }

        if (!File.Exists(path))
        {
            return new FileEdit(path, value + "\n", CreatesFile: true, [$"write tokens file with token {token.Fingerprint}"], []);
        }

        var content = EditableFile.ReadForEdit(path, force);

        var warnings = new List<string>();
        var text = content.Text;
        if (content.HasBom)
        {
            if (!force)
            {
                throw new FileEditException(path, "TokensFileHasBom", $"'{path}' starts with a UTF-8 BOM, which toolregistry-server keeps in the first token so that token never matches. Use -Force to drop the BOM (fixing the first token), or save the file as UTF-8 without BOM.", 1);
            }

            warnings.Add($"Dropped the UTF-8 BOM from '{path}': its first token now matches again.");
        }

        var file = TokensFile.Parse(content.Bytes, path);
        var same = file.Tokens.FirstOrDefault(t => t.Token.Equals(token));
        if (same is not null)
        {
            if (!force)
            {
                throw new FileEditException(path, "ValueExists", $"Token {token.Fingerprint} is already in '{path}' (line {same.Line}). Use -Force to accept the file as it is.", same.Line);
            }

            return new FileEdit(path, text, CreatesFile: false, ["no change: the token is already there"], warnings);
        }

        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var prefix = text.Length > 0 && !text.EndsWith('\n') && !text.EndsWith('\r') ? newline : "";
        if (file.Tokens.Count == 0 && text.Length > 0)
        {
            warnings.Add("The file had no active token, so the server ran without authentication; after a restart it requires a token.");
        }

        warnings.Add("toolregistry-server reads the tokens file once at startup: restart it to use the new token.");
        return new FileEdit(path, text + prefix + value + newline, CreatesFile: false, [$"append token {token.Fingerprint} as line {CountLines(text + prefix) + 1}"], warnings);
    }

    private static int CountLines(string text) => PythonLines.Split(text).Count;
}
