using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Claude Code: ~/.claude.json (user scope: top-level mcpServers; local scope: projects["&lt;folder&gt;"].mcpServers)
/// or the project's .mcp.json. With a profile the entry has a headersHelper: Claude Code runs that command
/// on every connection and merges the JSON object of header names and values it prints into the request
/// headers, so the token is always fresh. Otherwise the header reads ${VAR}, which Claude Code expands.
/// </summary>
public sealed class ClaudeCodeConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.ClaudeCode;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.Local, ConfigScope.Project, ConfigScope.User];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) => scope == ConfigScope.Project
        ? Path.Combine(context.ProjectDirectory, ".mcp.json")
        : Path.Combine(context.Home, ".claude.json");

    public override IReadOnlyList<string> ServersPath(ConfigScope scope, ClientConfigContext context) =>
        scope == ConfigScope.Local ? ["projects", context.ProjectDirectory, "mcpServers"] : ["mcpServers"];

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath)
    {
        var entry = new JsonObject { ["type"] = server.SseOnly ? "sse" : "http", ["url"] = server.Url.AbsoluteUri };
        if (credential.Profile is { } profile && !credential.IncludeToken)
        {
            entry["headersHelper"] = HelperCommand.ForHeaders(credential, profile, server.Url);
            return new ClientEntry(server.Name, entry, "headersHelper (profile " + profile + ")", false);
        }

        var (headers, source, holds) = Headers(credential, "${" + credential.Variable + "}", "environment variable " + credential.Variable);
        entry["headers"] = headers;
        return new ClientEntry(server.Name, entry, source, holds);
    }
}
