namespace McpRegistryAuth.Core.Gateway;

/// <summary>Environment variables of the gateway's auth server that the static-token stages read.</summary>
public static class GatewaySettingNames
{
    public const string StaticTokenAuthEnabled = "REGISTRY_STATIC_TOKEN_AUTH_ENABLED";
    public const string ApiToken = "REGISTRY_API_TOKEN";
    public const string ApiKeys = "REGISTRY_API_KEYS";
    public const string RegistryRootPath = "REGISTRY_ROOT_PATH";
    public const string RootPath = "ROOT_PATH";
    public const string FederationStaticTokenAuthEnabled = "FEDERATION_STATIC_TOKEN_AUTH_ENABLED";
    public const string FederationStaticToken = "FEDERATION_STATIC_TOKEN";
}
