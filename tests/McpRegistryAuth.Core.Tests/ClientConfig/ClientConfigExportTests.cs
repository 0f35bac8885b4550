using McpRegistryAuth.Core.ClientConfig;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Reporting;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ClientConfig;

public class ClientConfigExportTests
{
    private static readonly ClientCredential Credential = new() { HeaderName = "X-Authorization", Token = new Secret("tok-abcdef"), PwshPath = "/p/pwsh", ModulePath = "/m.psd1" };

    private static ClientConfigResult Run(string path, McpClient client, bool force = false, ClientCredential? credential = null, Func<string, string, bool>? confirm = null, params string[] names) =>
        ClientConfigExport.Run(new ClientConfigRequest
        {
            Client = client,
            Path = path,
            Force = force,
            Servers = (names.Length == 0 ? ["time"] : names).Select(n => new ResolvedServer(n, new Uri($"https://gw.example.com/{n}/mcp"), false)).ToList(),
            Credential = credential ?? Credential,
            Context = new ClientConfigContext("/h", "/a", "/p", false),
        }, new RecordingReport(), confirm ?? ((_, _) => true));

    [Fact]
    public void MergingKeepsEveryOtherByteAndLeavesABackup()
    {
        using var temp = new TempDirectory();
        var original = "{\n  // servers I added by hand\n  \"servers\": {\n    \"mine\": {\"type\": \"stdio\", \"command\": \"x\"},\n  },\n  \"inputs\": [],\n}\n";
        var path = temp.Write("mcp.json", original);

        var result = Run(path, McpClient.VSCode);

        var text = File.ReadAllText(path);
        Assert.Equal("Updated", result.Action);
        Assert.StartsWith("{\n  // servers I added by hand\n  \"servers\": {\n    \"mine\": {\"type\": \"stdio\", \"command\": \"x\"},\n    \"time\": {", text, StringComparison.Ordinal);
        Assert.EndsWith("  },\n  \"inputs\": [\n    {\n      \"type\": \"promptString\",\n      \"id\": \"mcp-gateway-token\",\n      \"description\": \"MCP gateway access token (Get-McpAccessToken -AsPlainText prints one)\",\n      \"password\": true\n    }\n  ],\n}\n", text, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(path + ".bak"));
        Assert.Equal(path + ".bak", result.BackupPath);
    }

    [Fact]
    public void ACorruptFileIsReportedWithItsLineAndLeftUntouched()
    {
        using var temp = new TempDirectory();
        var original = "{\n  \"mcpServers\": {\n    \"a\": {\"url\": \"x\"\n  }\n}\n";
        var path = temp.Write(".mcp.json", original);
        var before = File.GetLastWriteTimeUtc(path);

        var error = Assert.Throws<CommandFailureException>(() => Run(path, McpClient.ClaudeCode));

        Assert.Equal("ClientConfigUnreadable", error.ErrorId);
        Assert.Contains("line 6, column 1: expected ',' or '}' after a member", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
        Assert.False(File.Exists(path + ".bak"));
    }

    [Fact]
    public void CommentsInAStrictJsonClientsFileAreCorruption()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("cursor.json", "{ // no\n}");
        Assert.Equal("ClientConfigUnreadable", Assert.Throws<CommandFailureException>(() => Run(path, McpClient.Cursor)).ErrorId);
    }

    [Fact]
    public void ASameNameEntryIsKeptWithoutForceAndReplacedWithIt()
    {
        using var temp = new TempDirectory();
        var original = "{\"mcpServers\": {\"time\": {\"url\": \"https://elsewhere.example.com/mcp\"}}}";
        var path = temp.Write("c.json", original);

        var kept = Run(path, McpClient.Cursor, false, null, null, "time", "other");
        Assert.Equal(["time"], kept.Skipped);
        Assert.Equal(["other"], kept.Servers);
        Assert.Contains("elsewhere", File.ReadAllText(path), StringComparison.Ordinal);

        var replaced = Run(path, McpClient.Cursor, force: true);
        Assert.Empty(replaced.Skipped);
        Assert.DoesNotContain("elsewhere", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Contains("\"other\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void WritingTheSameAgainIsUnchanged()
    {
        using var temp = new TempDirectory();
        var path = temp.File("c.json");
        Assert.Equal("Created", Run(path, McpClient.Cursor).Action);
        var first = File.ReadAllText(path);
        var again = Run(path, McpClient.Cursor);
        Assert.Equal("Unchanged", again.Action);
        Assert.Empty(again.Skipped);
        Assert.Equal(first, File.ReadAllText(path));
    }

    [Fact]
    public void WhatIfShowsTheDiffWithTheTokenByFingerprintAndWritesNothing()
    {
        using var temp = new TempDirectory();
        var original = "{\n  \"mcpServers\": {}\n}\n";
        var path = temp.Write("cline.json", original);
        string? shown = null;
        var include = Credential with { IncludeToken = true };

        var result = Run(path, McpClient.Cline, false, include, (_, diff) => { shown = diff; return false; });

        Assert.Equal("WhatIf", result.Action);
        Assert.Equal(original, File.ReadAllText(path));
        Assert.NotNull(shown);
        Assert.Contains("-  \"mcpServers\": {}", shown, StringComparison.Ordinal);
        Assert.Contains("+      \"url\": \"https://gw.example.com/time/mcp\",", shown, StringComparison.Ordinal);
        Assert.Contains("Bearer " + include.Token!.ToString(), shown, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-abcdef", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutATokenKeepsItsModeAndOneWithATokenBecomes0600()
    {
        if (OperatingSystem.IsWindows()) return;
        using var temp = new TempDirectory();
        var path = temp.Write("c.json", "{}");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        Run(path, McpClient.Cursor);
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(path));
        Run(path, McpClient.Cursor, force: true, credential: Credential with { IncludeToken = true });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + ".bak"));
    }
}
