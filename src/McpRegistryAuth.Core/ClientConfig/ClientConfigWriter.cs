using System.Text.Json.Nodes;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// What one client needs: its files per scope, where its servers sit in the file, whether it reads JSONC,
/// and the shape of one remote-server entry with the token carried the way that client allows.
/// </summary>
public abstract class ClientConfigWriter
{
    public abstract McpClient Client { get; }

    /// <summary>The scopes the client has; the first is the default.</summary>
    public abstract IReadOnlyList<ConfigScope> Scopes { get; }

    /// <summary>True when the client reads comments and trailing commas (VS Code's files).</summary>
    public virtual bool Jsonc => false;

    /// <summary>The file the client reads for that scope.</summary>
    public abstract string PathFor(ConfigScope scope, ClientConfigContext context);

    /// <summary>The members leading from the file's root to the object of servers.</summary>
    public virtual IReadOnlyList<string> ServersPath(ConfigScope scope, ClientConfigContext context) => ["mcpServers"];

    /// <summary>One server's entry; configPath is the file it goes in (the Claude Desktop bridge sits beside it).</summary>
    public abstract ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath);

    /// <summary>Edits the file needs besides the entries (VS Code's input definition).</summary>
    public virtual string AfterEntries(string text, ClientCredential credential) => text;

    /// <summary>Files written beside the configuration (the Claude Desktop bridge script), by path.</summary>
    public virtual IReadOnlyDictionary<string, string> SideFiles(string configPath, ClientCredential credential) => new Dictionary<string, string>();

    public static ClientConfigWriter For(McpClient client) => client switch
    {
        McpClient.VSCode => new VSCodeConfigWriter(),
        McpClient.ClaudeCode => new ClaudeCodeConfigWriter(),
        McpClient.Cursor => new CursorConfigWriter(),
        McpClient.Windsurf => new WindsurfConfigWriter(),
        McpClient.RooCode => new RooCodeConfigWriter(),
        McpClient.Cline => new ClineConfigWriter(),
        McpClient.ClaudeDesktop => new ClaudeDesktopConfigWriter(),
        McpClient.GatewayVSCode => new GatewayVSCodeConfigWriter(),
        McpClient.GatewayRoo => new GatewayRooConfigWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(client)),
    };

    /// <summary>The scope to use: the one asked for when the client has it, else the client's default.</summary>
    public ConfigScope ScopeFor(ConfigScope? asked)
    {
        if (asked is not { } scope) return Scopes[0];
        if (Scopes.Contains(scope)) return scope;
        throw new CommandFailureException("ClientConfigScopeNotSupported", FailureCategory.InvalidArgument,
            $"{Client} has no {scope} configuration file; it has {string.Join(", ", Scopes)}.", Client.ToString(),
            $"Pass -ConfigScope {string.Join(" or ", Scopes)}, or -Path for an explicit file.");
    }

    /// <summary>The headers object: the token in plain text with -IncludeToken, else the reference given.</summary>
    protected static (JsonObject Headers, string Source, bool HoldsToken) Headers(ClientCredential credential, string reference, string source)
    {
        if (credential.IncludeToken) return (new JsonObject { [credential.HeaderName] = credential.LiteralValue }, "plain text (-IncludeToken)", true);
        return (new JsonObject { [credential.HeaderName] = "Bearer " + reference }, source, false);
    }

    /// <summary>Headers read from an environment variable in the ${env:NAME} form (Cursor, Windsurf, Roo Code, VS Code).</summary>
    protected static (JsonObject Headers, string Source, bool HoldsToken) EnvHeaders(ClientCredential credential) =>
        Headers(credential, "${env:" + credential.Variable + "}", "environment variable " + credential.Variable);
}
