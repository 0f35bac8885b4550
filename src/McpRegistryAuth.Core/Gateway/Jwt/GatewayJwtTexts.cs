namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>The detail texts of auth_server/server.py's /validate for the JWT stage, the token_kind gate and its resource binding, and the A2A credential, byte for byte.</summary>
public static class GatewayJwtTexts
{
    public const string MissingBearer = "Missing or invalid Authorization header. Expected: Bearer <token> or valid session cookie";
    public const string ValidationFailed = "Token validation failed";
    public const string ProviderConfigurationError = "Authentication provider configuration error";
    public const string DuplicateCredential = "Authorization must not duplicate the gateway credential";
    public const string MissingTokenKind = "Token is missing the required token_kind claim. Re-issue the token from the current gateway.";
    public const string UnknownTokenKind = "Token has an unrecognized token_kind claim";
    public const string ResourceMissingClaims = "Resource-bound token is missing required claims";
    public const string ResourceUrlUnavailable = "Resource-bound token cannot be validated: request URL unavailable";
    public const string ResourceBlockedEndpoint = "Resource-bound tokens cannot access this endpoint";
    public const string ResourceUnclassifiable = "Resource-bound token cannot be used on this endpoint";
    public const string ResourceMismatch = "Resource-bound token does not permit this request";

    /// <summary>The issuer the auth server writes into the tokens it mints (hard-coded JWT_ISSUER).</summary>
    public const string SelfSignedIssuer = "mcp-auth-server";

    public const string SelfSignedAudience = "mcp-registry";

    /// <summary>Seconds of clock leeway for self-signed tokens; IdP tokens get none.</summary>
    public const int SelfSignedLeewaySeconds = 30;
}
