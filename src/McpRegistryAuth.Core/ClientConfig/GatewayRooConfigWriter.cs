namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>The gateway's own generated .oauth-tokens/mcp.json, in Roo Code's shape (type streamable-http, disabled, alwaysAllow).</summary>
public sealed class GatewayRooConfigWriter : ClientConfigWriter
{
    public override McpClient Client => McpClient.GatewayRoo;

    public override IReadOnlyList<ConfigScope> Scopes => [ConfigScope.Project];

    public override string PathFor(ConfigScope scope, ClientConfigContext context) => Path.Combine(context.ProjectDirectory, ".oauth-tokens", "mcp.json");

    public override ClientEntry Entry(ResolvedServer server, ClientCredential credential, string configPath) => RooCodeConfigWriter.RooShaped(server, credential);
}
