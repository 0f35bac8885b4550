using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Claude Desktop reads only stdio servers from claude_desktop_config.json, so a remote server is a
/// bridge: pwsh runs the generated <see cref="BridgeScript"/>, which gets the token (a fresh one from the
/// profile, or the one in an environment variable) and starts mcp-remote with the header taken from an
/// environment variable. No argument holds a space or the token, so Windows quoting cannot break it.
/// </summary>
public sealed class ClaudeDesktopConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.ClaudeDesktop;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.User];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) => Path.Combine(context.AppData, "Claude", "claude_desktop_config.json");

    /// <summary>The bridge script's path for a configuration file: beside it.</summary>
    public static string BridgePath(string configPath) => Path.Combine(Path.GetDirectoryName(configPath) ?? ".", BridgeScript.FileName);

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(credential);
        var args = new JsonArray("-NoProfile", "-NonInteractive", "-File", BridgePath(configPath), "-Url", server.Url.AbsoluteUri, "-HeaderName", credential.HeaderName);
        string source;
        var entry = new JsonObject { ["command"] = credential.PwshPath, ["args"] = args };
        if (credential.Profile is { } profile && !credential.IncludeToken)
        {
            args.Add("-Profile");
            args.Add(profile);
            args.Add("-ModulePath");
            args.Add(credential.ModulePath);
            source = "bridge, fresh token from profile " + profile;
        }
        else
        {
            args.Add("-TokenVariable");
            args.Add(credential.Variable);
            source = "bridge, token from environment variable " + credential.Variable;
            if (credential.IncludeToken)
            {
                entry["env"] = new JsonObject { [credential.Variable] = credential.Token?.Reveal() };
                source = "bridge, token in plain text in env (-IncludeToken)";
            }
        }

        if (credential.McpRemotePath is { } remote)
        {
            args.Add("-McpRemote");
            args.Add(remote);
        }

        return new ClientEntry(server.Name, entry, source, credential.IncludeToken);
    }

    public override IReadOnlyDictionary<string, string> SideFiles(string configPath, ClientCredential credential) =>
        new Dictionary<string, string> { [BridgePath(configPath)] = BridgeScript.Text };
}
