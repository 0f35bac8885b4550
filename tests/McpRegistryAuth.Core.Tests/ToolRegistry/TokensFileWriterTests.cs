using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.ToolRegistry;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolRegistry;

/// <summary>New-RegistryApiToken -ToolRegistryTokensFile: append one line the server reads back as that token.</summary>
public class TokensFileWriterTests
{
    private static readonly Secret Token = new("Zq0-3vLw8JkT_f6yRb1Hn4cXm9pDa2sGuEo7iVtYhWe");

    [Fact]
    public void TokensFile_NewFileHoldsTheTokenLineWithoutBom()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tokens.txt");
        var edit = TokensFileWriter.PlanAppend(path, Token, force: false);
        Assert.True(edit.CreatesFile);
        Assert.Equal(Token.Reveal() + "\n", edit.NewText);
        edit.Apply();
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
        var read = TokensFile.Load(path);
        Assert.Equal(Token, Assert.Single(read.Tokens).Token);
        Assert.DoesNotContain(read.Findings, f => f.Severity != FindingSeverity.Info);
    }

    [Fact]
    public void TokensFile_ExistingFileKeepsEveryByteAndGetsOneLine()
    {
        using var dir = new TempDirectory();
        const string before = "# team tokens\r\ntok-one\r\n\r\ntok-two";
        var path = dir.Write("tokens.txt", before);
        var edit = TokensFileWriter.PlanAppend(path, Token, force: false);
        Assert.Equal(before + "\r\n" + Token.Reveal() + "\r\n", edit.NewText);
        var tokens = TokensFile.Parse(edit.NewText).Tokens.Select(t => t.Token.Reveal());
        Assert.Equal(["tok-one", "tok-two", Token.Reveal()], tokens);
        Assert.Contains(edit.Warnings, w => w.Contains("restart"));
    }

    [Fact]
    public void TokensFile_CommentOnlyFileWarnsThatAuthTurnsOn()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("tokens.txt", "# none yet\n");
        var edit = TokensFileWriter.PlanAppend(path, Token, force: false);
        Assert.Contains(edit.Warnings, w => w.Contains("without authentication"));
    }

    [Fact]
    public void TokensFile_ExistingTokenWithoutForceIsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("tokens.txt", $"a\n{Token.Reveal()}\n");
        var error = Assert.Throws<FileEditException>(() => TokensFileWriter.PlanAppend(path, Token, force: false));
        Assert.Equal("ValueExists", error.ErrorId);
        Assert.Equal(2, error.Line);
        Assert.DoesNotContain(Token.Reveal(), error.Message);
        Assert.Equal($"a\n{Token.Reveal()}\n", TokensFileWriter.PlanAppend(path, Token, force: true).NewText);
    }

    [Fact]
    public void TokensFile_TokenStartingWithHashIsRefused()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<FileEditException>(() => TokensFileWriter.PlanAppend(dir.File("t.txt"), new Secret("#abcdef"), force: true));
        Assert.Equal("TokenStartsWithHash", error.ErrorId);
    }

    [Theory]
    [InlineData(" padded")]
    [InlineData("two words")]
    [InlineData("line\nbreak")]
    [InlineData("form\ffeed")]
    [InlineData("")]
    public void TokensFile_TokenTheServerWouldNotReadBackIsRefused(string token)
    {
        using var dir = new TempDirectory();
        Assert.Equal("TokenHasWhiteSpace", Assert.Throws<FileEditException>(() => TokensFileWriter.PlanAppend(dir.File("t.txt"), new Secret(token), force: true)).ErrorId);
    }

    [Fact]
    public void TokensFile_BomIsRefusedWithoutForce_ForceDropsItAndFixesTheFirstToken()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes("tokens.txt", [0xEF, 0xBB, 0xBF, .. "tok-one\n"u8.ToArray()]);
        Assert.Equal("TokensFileHasBom", Assert.Throws<FileEditException>(() => TokensFileWriter.PlanAppend(path, Token, force: false)).ErrorId);
        var edit = TokensFileWriter.PlanAppend(path, Token, force: true);
        Assert.Equal($"tok-one\n{Token.Reveal()}\n", edit.NewText);
        Assert.Contains(edit.Warnings, w => w.Contains("BOM"));
    }

    [Fact]
    public void TokensFile_PlanWritesNothingUntilApplied()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("tokens.txt", "a\n");
        TokensFileWriter.PlanAppend(path, Token, force: false);
        Assert.Equal("a\n", File.ReadAllText(path));
    }

    [Fact]
    public void TokensFile_ReadOnlyTargetIsRefusedWithoutForce()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("tokens.txt", "a\n");
        if (OperatingSystem.IsWindows()) new FileInfo(path).IsReadOnly = true;
        else File.SetUnixFileMode(path, UnixFileMode.UserRead);
        Assert.Equal("FileReadOnly", Assert.Throws<FileEditException>(() => TokensFileWriter.PlanAppend(path, Token, force: false)).ErrorId);
        var forced = TokensFileWriter.PlanAppend(path, Token, force: true);
        forced.Apply();
        Assert.Equal($"a\n{Token.Reveal()}\n", File.ReadAllText(path));
    }
}
