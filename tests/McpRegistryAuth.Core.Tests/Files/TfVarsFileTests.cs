using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

/// <summary>The terraform.tfvars writer of New-RegistryApiToken -TfVarsFile.</summary>
public class TfVarsFileTests
{
    private static readonly Secret Token = new("Zq0-3vLw8JkT_f6yRb1Hn4cXm9pDa2sGuEo7iVtYhWe");

    private static void MakeReadOnly(string path)
    {
        if (OperatingSystem.IsWindows()) new FileInfo(path).IsReadOnly = true;
        else File.SetUnixFileMode(path, UnixFileMode.UserRead);
    }

    [Fact]
    public void TfVars_NewFileGetsFlagAndQuotedToken()
    {
        using var dir = new TempDirectory();
        var edit = TfVarsFileWriter.Plan(dir.File("terraform.tfvars"), Token, force: false);
        Assert.True(edit.CreatesFile);
        Assert.Equal($"registry_static_token_auth_enabled = true\nregistry_api_token = \"{Token.Reveal()}\"\n", edit.NewText);
        Assert.DoesNotContain(Token.Reveal(), edit.Description);
    }

    [Fact]
    public void TfVars_ExistingFileKeepsOtherContentByteForByte()
    {
        using var dir = new TempDirectory();
        const string before = "# gateway\r\nregion = \"eu-west-1\" # keep\r\ntags = {\r\n  team = \"mcp\"\r\n  registry_api_token = \"nested-not-top-level\"\r\n}\r\nnote = <<EOT\r\nregistry_api_token = \"in a heredoc\"\r\nEOT\r\n";
        var path = dir.Write("terraform.tfvars", before);
        var edit = TfVarsFileWriter.Plan(path, Token, force: false);
        Assert.StartsWith(before, edit.NewText);
        Assert.Equal($"registry_static_token_auth_enabled = true\r\nregistry_api_token = \"{Token.Reveal()}\"\r\n", edit.NewText[before.Length..]);
    }

    [Fact]
    public void TfVars_ExistingAssignmentsAreReplacedInPlace()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("terraform.tfvars", "a = 1\nregistry_static_token_auth_enabled = false # off\nregistry_api_token = \"\"\nb = [\n  1,\n]\n");
        var edit = TfVarsFileWriter.Plan(path, Token, force: false);
        Assert.Equal($"a = 1\nregistry_static_token_auth_enabled = true # off\nregistry_api_token = \"{Token.Reveal()}\"\nb = [\n  1,\n]\n", edit.NewText);
        Assert.Contains(edit.Warnings, w => w.Contains("changed from false to true"));
    }

    [Fact]
    public void TfVars_ExistingValueWithoutForceIsRefused()
    {
        using var dir = new TempDirectory();
        const string old = "old-token-value-0123456789-0123456789";
        var path = dir.Write("terraform.tfvars", $"x = 1\nregistry_api_token = \"{old}\"\n");
        var error = Assert.Throws<FileEditException>(() => TfVarsFileWriter.Plan(path, Token, force: false));
        Assert.Equal("ValueExists", error.ErrorId);
        Assert.Equal(2, error.Line);
        Assert.DoesNotContain(old, error.Message);
        Assert.Contains(Fingerprint.Of(old), error.Message);
        var forced = TfVarsFileWriter.Plan(path, Token, force: true);
        Assert.Equal($"x = 1\nregistry_api_token = \"{Token.Reveal()}\"\nregistry_static_token_auth_enabled = true\n", forced.NewText);
    }

    [Fact]
    public void TfVars_PlanWritesNothingUntilApplied()
    {
        using var dir = new TempDirectory();
        var path = dir.File("terraform.tfvars");
        var edit = TfVarsFileWriter.Plan(path, Token, force: false);
        Assert.False(File.Exists(path));
        edit.Apply();
        Assert.Equal(edit.NewText, File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void TfVars_ReadOnlyTargetIsRefusedWithoutForce()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("terraform.tfvars", "a = 1\n");
        MakeReadOnly(path);
        Assert.Equal("FileReadOnly", Assert.Throws<FileEditException>(() => TfVarsFileWriter.Plan(path, Token, force: false)).ErrorId);
        Assert.Contains(Token.Reveal(), TfVarsFileWriter.Plan(path, Token, force: true).NewText);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("${var.x}", "\"$${var.x}\"")]
    [InlineData("%{if}", "\"%%{if}\"")]
    public void TfVars_QuoteLiteralEscapesAndRoundTrips(string value, string quoted)
    {
        Assert.Equal(quoted, TfVarsFile.QuoteLiteral(value));
        Assert.Equal(value, TfVarsFile.UnquoteLiteral(quoted));
    }

    [Fact]
    public void TfVars_ScannerFindsOnlyTopLevelAttributes()
    {
        var file = TfVarsFile.Parse("/* c\nhidden = 1 */\na = { b = 2 }\n// x = 1\nc = \"s # not a comment\" # comment\n");
        Assert.Equal(["a", "c"], file.Attributes.Select(a => a.Name));
        Assert.Equal("\"s # not a comment\"", file.Find("c")!.ValueText);
        Assert.Equal(5, file.Find("c")!.Line);
    }
}
