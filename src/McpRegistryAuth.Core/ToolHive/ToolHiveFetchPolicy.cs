using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The settings behind ToolHive's fetch-time URL rules for one provider (toolhive http_client.go): the insecure flag, the
/// toolhive-wide switch that turns the HTTPS checks off, and allowPrivateIP for the dial-time block.
/// </summary>
public sealed record ToolHiveFetchPolicy
{
    /// <summary>THV_REGISTRY_INSECURE_URL: lifts the discovery pre-check and the HTTPS-only transport for discovery and JWKS.</summary>
    public bool InsecureAllowHttp { get; init; }

    /// <summary>INSECURE_DISABLE_URL_VALIDATION=true: lifts both HTTPS checks, including authenticated introspection's.</summary>
    public bool DisableUrlValidation { get; init; }

    public bool AllowPrivateIP { get; init; }

    /// <summary>-AllowUnencryptedAuthentication: the token under test may go over plain http to a host that is not loopback.</summary>
    public bool AllowUnencryptedAuthentication { get; init; }

    /// <summary>False (offline): only IP-literal hosts are checked against the dial-time block; names are not resolved.</summary>
    public bool ResolveHostNames { get; init; } = true;
}
