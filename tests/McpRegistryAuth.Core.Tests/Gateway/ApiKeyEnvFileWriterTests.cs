using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>New-RegistryApiToken -ApiKeyName/-Group: one REGISTRY_API_KEYS entry merged into -EnvFile (spec 2.4).</summary>
public class ApiKeyEnvFileWriterTests
{
    private static readonly Secret Key = new("Zq0-3vLw8JkT_f6yRb1Hn4cXm9pDa2sGuEo7iVtYhWe");
    private static readonly Secret OtherKey = new("Aa1-Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNnOoPp");

    private static RegistryApiKeysParseResult KeysIn(string envText) =>
        RegistryApiKeys.Parse(DotEnvFile.Parse(envText).Find(GatewaySettingNames.ApiKeys)!.Value);

    [Fact]
    public void ApiKeys_NewFileGetsFlagAndSingleQuotedCompactJson()
    {
        using var dir = new TempDirectory();
        var edit = ApiKeyEnvFileWriter.Plan(dir.File(".env"), "ci-bot", ["registry-users-lob1"], Key, force: false);
        Assert.True(edit.CreatesFile);
        Assert.Equal($"REGISTRY_STATIC_TOKEN_AUTH_ENABLED=true\nREGISTRY_API_KEYS='{{\"ci-bot\":{{\"key\":\"{Key.Reveal()}\",\"groups\":[\"registry-users-lob1\"]}}}}'\n", edit.NewText);
        Assert.DoesNotContain(Key.Reveal(), edit.Description);
    }

    [Fact]
    public void ApiKeys_ExistingEntriesAreKeptInOrderAndOtherLinesByteForByte()
    {
        using var dir = new TempDirectory();
        var existing = $"{{\"ops\":{{\"key\":\"{OtherKey.Reveal()}\",\"groups\":[\"admins\"]}}}}";
        var path = dir.Write(".env", $"# gw\nA=1\nREGISTRY_API_KEYS='{existing}'\nREGISTRY_STATIC_TOKEN_AUTH_ENABLED=true\n");
        var edit = ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["g1", "g2"], Key, force: false);
        Assert.StartsWith("# gw\nA=1\nREGISTRY_API_KEYS='", edit.NewText);
        Assert.EndsWith("'\nREGISTRY_STATIC_TOKEN_AUTH_ENABLED=true\n", edit.NewText);
        var keys = KeysIn(edit.NewText);
        Assert.True(keys.IsValid);
        Assert.Equal(["ops", "ci-bot"], keys.Entries.Select(e => e.Name));
        Assert.Equal(["g1", "g2"], keys.Entries[1].Groups);
        Assert.Equal(Key, keys.Entries[1].Key);
    }

    [Fact]
    public void ApiKeys_StrippedQuotesAreRepairedAndMerged()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", $"REGISTRY_API_KEYS={{ops:{{key:{OtherKey.Reveal()},groups:[admins]}}}}\n");
        var edit = ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["g1"], Key, force: false);
        Assert.Equal(["ops", "ci-bot"], KeysIn(edit.NewText).Entries.Select(e => e.Name));
        Assert.Contains(edit.Warnings, w => w.Contains("quotes"));
    }

    [Fact]
    public void ApiKeys_ExistingEntryWithoutForceIsRefused_ForceReplacesIt()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", $"REGISTRY_API_KEYS='{{\"ci-bot\":{{\"key\":\"{OtherKey.Reveal()}\",\"groups\":[\"old\"]}}}}'\n");
        var error = Assert.Throws<FileEditException>(() => ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["new"], Key, force: false));
        Assert.Equal("ValueExists", error.ErrorId);
        Assert.Equal(1, error.Line);
        Assert.DoesNotContain(OtherKey.Reveal(), error.Message);
        var forced = ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["new"], Key, force: true);
        var entry = Assert.Single(KeysIn(forced.NewText).Entries);
        Assert.Equal(Key, entry.Key);
        Assert.Equal(["new"], entry.Groups);
    }

    [Fact]
    public void ApiKeys_SameKeyUnderAnotherNameIsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", $"REGISTRY_API_KEYS='{{\"ops\":{{\"key\":\"{Key.Reveal()}\",\"groups\":[\"a\"]}}}}'\n");
        Assert.Equal("ApiKeyValueDuplicate", Assert.Throws<FileEditException>(() => ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["g"], Key, force: true)).ErrorId);
    }

    [Theory]
    [InlineData("CI-Bot")]
    [InlineData("legacy")]
    [InlineData("-bot")]
    public void ApiKeys_NameTheGatewayRefusesIsRefused(string name)
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<FileEditException>(() => ApiKeyEnvFileWriter.Plan(dir.File(".env"), name, ["g"], Key, force: false));
        Assert.Equal("ApiKeyEntryInvalid", error.ErrorId);
        Assert.False(File.Exists(dir.File(".env")));
    }

    [Fact]
    public void ApiKeys_EmptyGroupsAreRefused()
    {
        using var dir = new TempDirectory();
        Assert.Equal("ApiKeyEntryInvalid", Assert.Throws<FileEditException>(() => ApiKeyEnvFileWriter.Plan(dir.File(".env"), "ci-bot", [], Key, force: false)).ErrorId);
    }

    [Fact]
    public void ApiKeys_UnreadableExistingValueIsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "REGISTRY_API_KEYS='[1,2]'\n");
        var error = Assert.Throws<FileEditException>(() => ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["g"], Key, force: true));
        Assert.Equal("ApiKeysUnreadable", error.ErrorId);
    }

    [Fact]
    public void ApiKeys_PlanWritesNothingUntilApplied()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "A=1\n");
        ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["g"], Key, force: false);
        Assert.Equal("A=1\n", File.ReadAllText(path));
    }

    [Fact]
    public void ApiKeys_ReadOnlyTargetIsRefusedWithoutForce()
    {
        using var dir = new TempDirectory();
        var path = dir.Write(".env", "A=1\n");
        if (OperatingSystem.IsWindows()) new FileInfo(path).IsReadOnly = true;
        else File.SetUnixFileMode(path, UnixFileMode.UserRead);
        Assert.Equal("FileReadOnly", Assert.Throws<FileEditException>(() => ApiKeyEnvFileWriter.Plan(path, "ci-bot", ["g"], Key, force: false)).ErrorId);
    }
}
