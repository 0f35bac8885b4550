namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Which gateway code a verdict reproduces. The values are the release numbers, so a rule that began in a
/// release is <c>release &gt;= V130</c>; <see cref="Latest"/> is the newest release modelled, not a release of its own.
/// </summary>
public enum GatewayRelease
{
    /// <summary>Release 1.24.x (era C): REGISTRY_API_TOKEN read raw, not stripped, no strength check; scopes.yml file backend.</summary>
    V124 = 124,

    /// <summary>Release 1.30.x (upstream main 8c5b834b, static-token era D): REGISTRY_API_TOKEN stripped and strength-checked at startup; self-signed tokens HS256 only.</summary>
    V130 = 130,

    /// <summary>Release 1.32.x (auth_server 046eec77): self-signed tokens HS256 without kid or ES256 with one (verify_self_signed_user_token), REJECT_HS256_TOKENS.</summary>
    V132 = 132,

    /// <summary>The newest release modelled: <see cref="V132"/>.</summary>
    Latest = V132,
}
