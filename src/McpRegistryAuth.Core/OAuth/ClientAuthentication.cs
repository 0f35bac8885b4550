namespace McpRegistryAuth.Core.OAuth;

/// <summary>How the client proves who it is at the token endpoint (RFC 6749 2.3.1, RFC 7523 2.2).</summary>
public enum ClientAuthentication
{
    /// <summary>HTTP Basic with the form-encoded client id and secret; client_id is not repeated in the body.</summary>
    ClientSecretBasic,

    /// <summary>client_id and client_secret in the form body.</summary>
    ClientSecretPost,

    /// <summary>A JWT the client signs with its private key (client_assertion).</summary>
    PrivateKeyJwt,
}
