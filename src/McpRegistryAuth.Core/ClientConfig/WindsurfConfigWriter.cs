using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>Windsurf: ~/.codeium/windsurf/mcp_config.json; the URL field is serverUrl (a "url" entry does not connect), ${env:NAME} expanded.</summary>
public sealed class WindsurfConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.Windsurf;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.User];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) => Path.Combine(context.Home, ".codeium", "windsurf", "mcp_config.json");

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath)
    {
        var (headers, source, holds) = EnvHeaders(credential);
        return new ClientEntry(server.Name, new JsonObject { ["serverUrl"] = server.Url.AbsoluteUri, ["headers"] = headers }, source, holds);
    }
}
