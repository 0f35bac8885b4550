using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

/// <summary>The .env writer of New-RegistryApiToken: new file, existing file, existing value, BOM, read-only.</summary>
public class DotEnvEditorTests
{
    private static readonly Secret Token = new("Zq0-3vLw8JkT_f6yRb1Hn4cXm9pDa2sGuEo7iVtYhWe");

    [Fact]
    public void EnvFile_NewFileGetsFlagAndToken()
    {
        using var dir = new TempDirectory();
        var edit = StaticTokenFileWriters.PlanEnvFile(dir.File(".env"), Token, force: false);
        Assert.True(edit.CreatesFile);
        Assert.Equal($"REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true\nREGISTRY_API_TOKEN={Token.Reveal()}\n", edit.NewText);
        Assert.DoesNotContain(Token.Reveal(), edit.Description);
        Assert.DoesNotContain(Token.Reveal(), edit.ToString());
    }

    [Fact]
    public void EnvFile_ExistingFileKeepsOtherLinesByteForByte()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "# gateway\r\nKEYCLOAK_URL=http://kc:8080\r\nREGISTRY_STATIC_TOKEN_AUTH_ENABLED=false # off\r\n");
        var edit = StaticTokenFileWriters.PlanEnvFile(path, Token, force: false);
        Assert.Equal($"# gateway\r\nKEYCLOAK_URL=http://kc:8080\r\nREGISTRY_STATIC_TOKEN_AUTH_ENABLED=true # off\r\nREGISTRY_API_TOKEN={Token.Reveal()}\r\n", edit.NewText);
        Assert.Contains(edit.Warnings, w => w.Contains("changed from 'false' to 'true'"));
    }

    [Fact]
    public void EnvFile_ReplacingAnEmptyValueSaysEmpty_NotTheEmptyStringsFingerprint()
    {
        using var dir = new TempDirectory();
        var empty = Fingerprint.Of("");
        var env = StaticTokenFileWriters.PlanEnvFile(dir.Write(".env", "REGISTRY_API_TOKEN=\n"), Token, force: false);
        Assert.Contains($"replace REGISTRY_API_TOKEN on line 1 (empty -> {Token.Fingerprint})", env.Description, StringComparison.Ordinal);
        var tfvars = TfVarsFileWriter.Plan(dir.Write("terraform.tfvars", "registry_api_token = \"\"\n"), Token, force: false);
        Assert.Contains($"replace registry_api_token on line 1 (empty -> {Token.Fingerprint})", tfvars.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(empty, env.Description + tfvars.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvFile_ExistingValueWithoutForceIsRefusedAndNamesTheLine()
    {
        using var dir = new TempDirectory();
        var old = "old-token-value-0123456789-0123456789";
        var path = dir.Write(".env", $"A=1\nREGISTRY_API_TOKEN={old}\n");
        var ex = Assert.Throws<FileEditException>(() => StaticTokenFileWriters.PlanEnvFile(path, Token, force: false));
        Assert.Equal("ValueExists", ex.ErrorId);
        Assert.Equal(2, ex.Line);
        Assert.DoesNotContain(old, ex.Message);
        Assert.Equal($"A=1\nREGISTRY_API_TOKEN={old}\n", File.ReadAllText(path));

        var forced = StaticTokenFileWriters.PlanEnvFile(path, Token, force: true);
        Assert.Contains($"REGISTRY_API_TOKEN={Token.Reveal()}\n", forced.NewText);
        Assert.DoesNotContain(old, forced.NewText);
    }

    [Fact]
    public void EnvFile_BomIsRefusedWithoutForceAndDroppedWithAWarningWithIt()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteBytes(".env", [0xEF, 0xBB, 0xBF, .. "A=1\n"u8.ToArray()]);
        Assert.Equal("EnvFileHasBom", Assert.Throws<FileEditException>(() => StaticTokenFileWriters.PlanEnvFile(path, Token, false)).ErrorId);
        var edit = StaticTokenFileWriters.PlanEnvFile(path, Token, force: true);
        Assert.StartsWith("A=1\n", edit.NewText);
        Assert.Contains(edit.Warnings, w => w.Contains("BOM"));
        edit.Apply();
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void EnvFile_NonUtf8IsRefusedAndLeftUntouched()
    {
        using var dir = new TempDirectory();
        byte[] latin1 = [(byte)'A', (byte)'=', 0xE9, (byte)'\n'];
        var path = dir.WriteBytes(".env", latin1);
        Assert.Equal("FileNotUtf8", Assert.Throws<FileEditException>(() => StaticTokenFileWriters.PlanEnvFile(path, Token, true)).ErrorId);
        Assert.Equal(latin1, File.ReadAllBytes(path));
    }

    [Fact]
    public void EnvFile_ReadOnlyTargetIsRefusedWithoutForce()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "A=1\n");
        if (OperatingSystem.IsWindows())
        {
            new FileInfo(path).IsReadOnly = true;
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead);
        }

        Assert.Equal("FileReadOnly", Assert.Throws<FileEditException>(() => StaticTokenFileWriters.PlanEnvFile(path, Token, false)).ErrorId);
    }

    [Fact]
    public void EnvFile_UnterminatedQuoteIsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "A='open\n");
        Assert.Equal("EnvFileUnterminatedQuote", Assert.Throws<FileEditException>(() => StaticTokenFileWriters.PlanEnvFile(path, Token, true)).ErrorId);
    }

    [Fact]
    public void EnvFile_WrittenFileIsReadBackByTheGatewayRules()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "REGISTRY_ROOT_PATH=/registry\nSECRET_KEY=0123456789abcdef0123456789abcdef-env\n");
        StaticTokenFileWriters.PlanEnvFile(path, Token, false).Apply();
        var settings = McpRegistryAuth.Core.Settings.ServerSettings.From(DotEnvFile.Parse(File.ReadAllText(path), path));
        var config = StaticTokenConfig.FromSettings(settings);
        Assert.True(config.Enabled);
        Assert.Equal(Token, config.Entries.Single().Key);
    }

    [Fact]
    public void TokenFile_NewFileHoldsTheTokenAndANewline()
    {
        using var dir = new TempDirectory();
        var path = dir.File(".network-trusted-token");
        StaticTokenFileWriters.PlanTokenFile(path, Token, false).Apply();
        Assert.Equal(Token.Reveal() + "\n", File.ReadAllText(path));
        Assert.Equal(Token, GatewayCliTokenFile.Read(path).Token);
    }

    [Fact]
    public void TokenFile_ExistingFileWithoutForceIsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t", "x");
        Assert.Equal("TokenFileExists", Assert.Throws<FileEditException>(() => StaticTokenFileWriters.PlanTokenFile(path, Token, false)).ErrorId);
        Assert.Equal("x", File.ReadAllText(path));
    }
}
