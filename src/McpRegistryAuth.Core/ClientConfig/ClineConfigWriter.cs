using System.Text.Json.Nodes;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Cline: cline_mcp_settings.json in VS Code's globalStorage. The type must be "streamableHttp" (camelCase;
/// without a type a URL entry is taken as SSE). Cline expands no variables, so the header can only hold
/// the token itself: the writer refuses without -IncludeToken.
/// </summary>
public sealed class ClineConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.Cline;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.User];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) =>
        Path.Combine(context.VSCodeUser, "globalStorage", "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json");

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath)
    {
        if (!credential.IncludeToken)
        {
            throw new CommandFailureException("ClientConfigTokenRequired", FailureCategory.InvalidArgument,
                $"Cline expands no variables in its settings, so the entry for '{server.Name}' can only hold the token in plain text.", server.Name,
                "Pass -IncludeToken with -Token (the file is then written 0600), or use a client that reads the token from elsewhere.");
        }

        var entry = new JsonObject
        {
            ["type"] = server.SseOnly ? "sse" : "streamableHttp",
            ["url"] = server.Url.AbsoluteUri,
            ["headers"] = new JsonObject { [credential.HeaderName] = credential.LiteralValue },
            ["disabled"] = false,
            ["autoApprove"] = new JsonArray(),
        };
        return new ClientEntry(server.Name, entry, "plain text (-IncludeToken)", true);
    }
}
