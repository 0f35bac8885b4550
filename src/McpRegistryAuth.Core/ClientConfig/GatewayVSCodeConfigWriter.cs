using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// The gateway's own generated .oauth-tokens/vscode_mcp.json: {"mcp": {"servers": {key: {url, headers}}}},
/// the settings.json shape of VS Code before 1.102, with no type. Kept for tools that read that file.
/// </summary>
public sealed class GatewayVSCodeConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.GatewayVSCode;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.Project];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) => Path.Combine(context.ProjectDirectory, ".oauth-tokens", "vscode_mcp.json");

    public override IReadOnlyList<string> ServersPath(ConfigScope scope, ClientConfigContext context) => ["mcp", "servers"];

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath)
    {
        var (headers, source, holds) = EnvHeaders(credential);
        return new ClientEntry(server.Name, new JsonObject { ["url"] = server.Url.AbsoluteUri, ["headers"] = headers }, source, holds);
    }
}
