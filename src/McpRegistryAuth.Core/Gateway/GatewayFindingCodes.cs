namespace McpRegistryAuth.Core.Gateway;

/// <summary>Stable codes of findings about the gateway auth server's settings (GW0xx).</summary>
public static class GatewayFindingCodes
{
    /// <summary>REGISTRY_API_TOKEN is a placeholder value: the auth server does not start, even with static-token auth off.</summary>
    public const string ApiTokenPlaceholder = "GW001";

    /// <summary>REGISTRY_API_TOKEN is shorter than 32 characters after strip: the auth server does not start.</summary>
    public const string ApiTokenTooShort = "GW002";

    /// <summary>Release 1.24.x: REGISTRY_API_TOKEN has outer white space, which that release keeps, so no bearer token can match.</summary>
    public const string ApiTokenWhiteSpace = "GW003";

    /// <summary>Static-token auth is enabled but neither REGISTRY_API_TOKEN nor REGISTRY_API_KEYS is set: the feature is off.</summary>
    public const string StaticTokenWithoutToken = "GW004";

    /// <summary>REGISTRY_API_KEYS cannot be parsed: static-token auth is off, the legacy token included.</summary>
    public const string ApiKeysUnparsable = "GW005";

    /// <summary>REGISTRY_API_KEYS is not valid JSON (quotes stripped by docker compose); the server repairs it and logs a warning.</summary>
    public const string ApiKeysRepaired = "GW006";

    /// <summary>FEDERATION_STATIC_TOKEN is missing, a placeholder or too short: federation static-token auth is off.</summary>
    public const string FederationTokenRefused = "GW007";

    /// <summary>Release 1.30: SECRET_KEY is missing or empty: the auth server does not start.</summary>
    public const string SecretKeyMissing = "GW008";

    /// <summary>Release 1.30: SECRET_KEY is a well-known placeholder value: the auth server does not start.</summary>
    public const string SecretKeyPlaceholder = "GW009";

    /// <summary>Release 1.30: SECRET_KEY is shorter than 32 characters after strip: the auth server does not start.</summary>
    public const string SecretKeyTooShort = "GW010";
}
