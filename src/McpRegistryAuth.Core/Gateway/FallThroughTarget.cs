namespace McpRegistryAuth.Core.Gateway;

/// <summary>Where the gateway's /validate goes next when the static-token rule did not accept a request.</summary>
public enum FallThroughTarget
{
    /// <summary>The mcp_gateway_session cookie is tried first.</summary>
    Session,

    /// <summary>The bearer value is validated as a JWT (self-signed, then the IdP).</summary>
    Jwt,
}
