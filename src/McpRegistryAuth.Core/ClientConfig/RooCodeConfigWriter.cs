using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Roo Code: its global mcp_settings.json in VS Code's globalStorage, or the project's .roo/mcp.json.
/// A URL entry must say its type ("streamable-http" or "sse"); ${env:VAR} is expanded in headers.
/// </summary>
public sealed class RooCodeConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.RooCode;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.User, ConfigScope.Project];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) => scope == ConfigScope.Project
        ? Path.Combine(context.ProjectDirectory, ".roo", "mcp.json")
        : Path.Combine(context.VSCodeUser, "globalStorage", "rooveterinaryinc.roo-cline", "settings", "mcp_settings.json");

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath) => RooShaped(server, credential);

    /// <summary>The Roo Code entry, which the gateway's own generated mcp.json uses too.</summary>
    internal static ClientEntry RooShaped(ResolvedServer server, ClientCredential credential)
    {
        var (headers, source, holds) = EnvHeaders(credential);
        var entry = new JsonObject
        {
            ["type"] = server.SseOnly ? "sse" : "streamable-http",
            ["url"] = server.Url.AbsoluteUri,
            ["headers"] = headers,
            ["disabled"] = false,
            ["alwaysAllow"] = new JsonArray(),
        };
        return new ClientEntry(server.Name, entry, source, holds);
    }
}
