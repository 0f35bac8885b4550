using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>Cursor: ~/.cursor/mcp.json or the project's .cursor/mcp.json; url and headers (no type), ${env:NAME} expanded.</summary>
public sealed class CursorConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.Cursor;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.User, ConfigScope.Project];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) =>
        Path.Combine(scope == ConfigScope.Project ? context.ProjectDirectory : context.Home, ".cursor", "mcp.json");

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath)
    {
        var (headers, source, holds) = EnvHeaders(credential);
        return new ClientEntry(server.Name, new JsonObject { ["url"] = server.Url.AbsoluteUri, ["headers"] = headers }, source, holds);
    }
}
