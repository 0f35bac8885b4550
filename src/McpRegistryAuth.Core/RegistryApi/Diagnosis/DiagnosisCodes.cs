namespace McpRegistryAuth.Core.RegistryApi.Diagnosis;

/// <summary>The likely causes a 401 or 403 diagnosis names (DGN), one code each.</summary>
public static class DiagnosisCodes
{
    /// <summary>No token was sent with the request.</summary>
    public const string NoToken = "DGN001";

    /// <summary>A redirect to another origin made the request go on without the token.</summary>
    public const string TokenDroppedOnRedirect = "DGN002";

    /// <summary>The server found no usable bearer header: the token went in a header it does not read, or without the Bearer scheme.</summary>
    public const string HeaderNotRead = "DGN003";

    /// <summary>The token's exp is in the past.</summary>
    public const string TokenExpired = "DGN004";

    /// <summary>The token's nbf is in the future.</summary>
    public const string TokenNotYetValid = "DGN005";

    /// <summary>A static (non-JWT) token sent to a gateway path outside /api/ and /v0.1/, where only JWTs are accepted.</summary>
    public const string StaticTokenOnMcpPath = "DGN006";

    /// <summary>The token's aud does not name the resource of the server's RFC 9728 document.</summary>
    public const string AudienceMismatch = "DGN007";

    /// <summary>The token's iss is none of the authorization servers of the server's RFC 9728 document.</summary>
    public const string IssuerMismatch = "DGN008";

    /// <summary>toolregistry-server: the token is not one of the lines of its tokens file.</summary>
    public const string TokenNotInTokensFile = "DGN009";

    /// <summary>With -ScopesPath: no scope of the caller grants this operation.</summary>
    public const string ScopeDoesNotGrant = "DGN010";

    /// <summary>A 403: the token was accepted but the caller may not do this.</summary>
    public const string Forbidden = "DGN011";

    /// <summary>A 401 whose cause cannot be seen from the client (signature, key, revoked or unknown token).</summary>
    public const string TokenRejected = "DGN012";

    /// <summary>The answer carried two Content-Type headers (the gateway's 401 before release 1.32.0).</summary>
    public const string DoubleContentType = "DGN013";
}
