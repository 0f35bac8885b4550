using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// The header a client sends the token in: the profile's fixed style when it has one, else the shared
/// header rule for the server's URL (X-Authorization for MCP servers behind the gateway).
/// </summary>
public static class ClientHeader
{
    public static string NameFor(McpProfile? profile, RegistryType registryType, Uri serverUrl) =>
        profile?.HeaderStyle switch
        {
            HeaderStyle.Authorization => TokenHeaderRule.Authorization,
            HeaderStyle.XAuthorization => TokenHeaderRule.XAuthorization,
            _ => TokenHeaderRule.HeaderFor(registryType, serverUrl),
        };
}
