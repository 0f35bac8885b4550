namespace McpRegistryAuth.Core.OAuth;

/// <summary>How a token is obtained: as the client itself, or as a user through a device code or a browser.</summary>
public enum TokenFlow
{
    ClientCredentials,

    /// <summary>RFC 8628: the user enters a code at the IdP's page on any device while this one polls.</summary>
    DeviceCode,

    /// <summary>RFC 6749 4.1 with PKCE (RFC 7636, S256): the browser signs in and returns to a loopback listener.</summary>
    AuthorizationCode,
}
