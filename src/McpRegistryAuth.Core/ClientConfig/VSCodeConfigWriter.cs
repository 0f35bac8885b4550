using System.Text.Json.Nodes;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// VS Code (1.102+) mcp.json: "servers" with type http (or sse), url and headers. The token is an input
/// variable (promptString, password): VS Code asks once and keeps it in its secret storage. ${env:} is not
/// used because VS Code does not expand it inside headers in every release (microsoft/vscode#336232).
/// </summary>
public sealed class VSCodeConfigWriter : ClientConfigWriter
{
    public const string InputId = "mcp-gateway-token";

    public override McpClient Client => McpClient.VSCode;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.User, ConfigScope.Project];

    public override bool Jsonc => true;

    public override string PathFor(ConfigScope scope, ClientConfigContext context) => scope == ConfigScope.Project
        ? Path.Combine(context.ProjectDirectory, ".vscode", "mcp.json")
        : Path.Combine(context.VSCodeUser, "mcp.json");

    public override IReadOnlyList<string> ServersPath(ConfigScope scope, ClientConfigContext context) => ["servers"];

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath)
    {
        var (headers, source, holds) = Headers(credential, "${input:" + InputId + "}", "VS Code input " + InputId);
        var entry = new JsonObject { ["type"] = server.SseOnly ? "sse" : "http", ["url"] = server.Url.AbsoluteUri, ["headers"] = headers };
        return new ClientEntry(server.Name, entry, source, holds);
    }

    public override string AfterEntries(string text, ClientCredential credential)
    {
        if (credential.IncludeToken) return text;
        var input = new JsonObject
        {
            ["type"] = "promptString",
            ["id"] = InputId,
            ["description"] = "MCP gateway access token (Get-McpAccessToken -AsPlainText prints one)",
            ["password"] = true,
        };
        return JsonTextEditor.EnsureArrayItem(text, Jsonc, "inputs", input,
            item => item.Kind == JsonTextKind.Object && item.Member("id")?.Value.Text == InputId);
    }
}
