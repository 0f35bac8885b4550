namespace McpRegistryAuth.Core.Gateway;

/// <summary>Which gateway code the verdict reproduces: the newest upstream main, or release 1.24.x.</summary>
public enum GatewayRelease
{
    /// <summary>The newest upstream code (static-token era D: REGISTRY_API_TOKEN stripped and strength-checked at startup).</summary>
    Latest,

    /// <summary>Release 1.24.x (era C): REGISTRY_API_TOKEN read raw, not stripped, no strength check; scopes.yml file backend.</summary>
    V124,
}
