using System.Text;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.ToolRegistry;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolRegistry;

public class TokensFileTests
{
    private static string[] Values(TokensFile file) => file.Tokens.Select(t => t.Token.Reveal()).ToArray();

    [Fact]
    public void TokensFile_LinesAreStrippedOfLeadingAndTrailingWhitespace()
    {
        var file = TokensFile.Parse("  tok-one\t\n\ttok-two   \n");
        Assert.Equal(["tok-one", "tok-two"], Values(file));
    }

    [Fact]
    public void TokensFile_CrLfLineEndingsAreHarmless()
    {
        var file = TokensFile.Parse("tok-one\r\ntok-two\r\n");
        Assert.Equal(["tok-one", "tok-two"], Values(file));
        Assert.Equal([1, 2], file.Tokens.Select(t => t.Line));
    }

    [Fact]
    public void TokensFile_InnerWhitespaceIsKept()
    {
        var file = TokensFile.Parse("tok en\n");
        Assert.Equal(["tok en"], Values(file));
    }

    [Fact]
    public void TokensFile_StripUsesPythonWhitespaceNotDotNet()
    {
        // U+001F is whitespace for Python's strip() but not for .NET's char.IsWhiteSpace.
        var file = TokensFile.Parse("\u001Ftok\u001F\n");
        Assert.Equal(["tok"], Values(file));
    }

    [Fact]
    public void TokensFile_SplitLinesUsesPythonLineBoundaries()
    {
        // Python's splitlines() also splits on form feed, vertical tab and U+2028.
        var file = TokensFile.Parse("a\fb\vc\u2028d");
        Assert.Equal(["a", "b", "c", "d"], Values(file));
    }

    [Fact]
    public void TokensFile_BlankLinesAreSkipped()
    {
        var file = TokensFile.Parse("\n   \n\t\ntok\n\n");
        Assert.Equal(["tok"], Values(file));
        Assert.Equal(4, file.Tokens[0].Line);
    }

    [Fact]
    public void TokensFile_LinesStartingWithHashAreComments_IndentedToo()
    {
        var file = TokensFile.Parse("# first\n   # indented\ntok\n");
        Assert.Equal(["tok"], Values(file));
        Assert.Equal([1, 2], file.Comments.Select(c => c.Line));
    }

    [Fact]
    public void TokensFile_NoInlineComments_WholeLineIsTheToken()
    {
        var file = TokensFile.Parse("abc # note\n");
        Assert.Equal(["abc # note"], Values(file));
        var finding = Assert.Single(file.Findings);
        Assert.Equal(TokensFileCodes.InlineCommentIsPartOfToken, finding.Code);
        Assert.Equal(1, finding.Line);
        Assert.DoesNotContain("abc", finding.Message);
    }

    [Fact]
    public void TokensFile_TokenStartingWithHashIsDroppedAsComment()
    {
        var file = TokensFile.Parse("#secretlooking\nother\n");
        Assert.Equal(["other"], Values(file));
    }

    [Fact]
    public void TokensFile_DuplicateTokensCollapse_Info()
    {
        var file = TokensFile.Parse("tok\ntok\n");
        var finding = Assert.Single(file.Findings);
        Assert.Equal(TokensFileCodes.DuplicateToken, finding.Code);
        Assert.Equal(FindingSeverity.Info, finding.Severity);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void TokensFile_EmptyFileDisablesAuth_Warning()
    {
        var file = TokensFile.Parse("");
        Assert.True(file.ServerStarts);
        Assert.False(file.AuthEnabled);
        var finding = Assert.Single(file.Findings);
        Assert.Equal(TokensFileCodes.NoTokensAuthDisabled, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
    }

    [Fact]
    public void TokensFile_CommentOnlyFileDisablesAuth_Warning()
    {
        var file = TokensFile.Parse("# tokens go here\n\n   \n");
        Assert.False(file.AuthEnabled);
        Assert.Contains(file.Findings, f => f.Code == TokensFileCodes.NoTokensAuthDisabled && f.Severity == FindingSeverity.Warning);
    }

    [Fact]
    public void TokensFile_BomStaysInFirstToken_WarningNamesItsFingerprint()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("tok-bom\ntok-two\n")).ToArray();
        var file = TokensFile.Parse(bytes, "tokens.txt");
        Assert.Equal(["\uFEFFtok-bom", "tok-two"], Values(file));
        var finding = Assert.Single(file.Findings);
        Assert.Equal(TokensFileCodes.ByteOrderMark, finding.Code);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(1, finding.Line);
        Assert.Contains(Fingerprint.Of("tok-bom"), finding.Message);
        Assert.DoesNotContain("tok-bom", finding.Message);
    }

    [Fact]
    public void TokensFile_BomBeforeCommentTurnsTheCommentIntoAToken()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("# only comments\n")).ToArray();
        var file = TokensFile.Parse(bytes);
        Assert.True(file.AuthEnabled);
        Assert.Equal(["\uFEFF# only comments"], Values(file));
        Assert.Contains(file.Findings, f => f.Code == TokensFileCodes.ByteOrderMark);
    }

    [Fact]
    public void TokensFile_MissingFileStopsTheServer_Error()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("n"), "tokens.txt");
        var file = TokensFile.Load(path);
        Assert.False(file.ServerStarts);
        var finding = Assert.Single(file.Findings);
        Assert.Equal(TokensFileCodes.FileNotFound, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal($"Tokens file not found: {path}", finding.Message);
    }

    [Fact]
    public void TokensFile_InvalidUtf8StopsTheServer_Error()
    {
        var file = TokensFile.Parse(new byte[] { (byte)'a', 0xFF, (byte)'\n' }, "tokens.txt");
        Assert.False(file.ServerStarts);
        var finding = Assert.Single(file.Findings);
        Assert.Equal(TokensFileCodes.Unreadable, finding.Code);
        Assert.Equal("tokens.txt", finding.File);
    }

    [Fact]
    public void TokensFile_ReadableByOthers_Warning()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "tok\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Contains(TokensFile.Load(path).Findings, f => f.Code == TokensFileCodes.ReadableByOthers);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Assert.DoesNotContain(TokensFile.Load(path).Findings, f => f.Code == TokensFileCodes.ReadableByOthers);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
