namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Stable names of the checks the gateway pipeline writes before the JWT stage: the request nginx passes on,
/// the credential header, the static-token and federation-token stages, the session cookie and the CLI token file.
/// The JWT stage's names are in <see cref="Jwt.GatewayJwtCheckNames"/>, the scopes' and FGAC's in
/// <see cref="Scopes.ScopeCheckNames"/>.
/// </summary>
public static class GatewayCheckNames
{
    /// <summary>The request URL nginx passes to /validate as X-Original-URL is known.</summary>
    public const string RequestOriginalUrl = "Gateway.Request.OriginalUrl";

    /// <summary>nginx serves the path from a location that calls /validate (auth_request).</summary>
    public const string NginxAuthRequest = "Gateway.Nginx.AuthRequest";

    /// <summary>Which header carries the credential: X-Authorization when present, else Authorization.</summary>
    public const string CredentialHeader = "Gateway.Credential.Header";

    /// <summary>A session cookie the pipeline cannot evaluate (it needs the server's session store).</summary>
    public const string Session = "Gateway.Session";

    /// <summary>How the gateway's CLI reads a token file: JSON with access_token, or the token as text.</summary>
    public const string CliTokenFile = "Gateway.Cli.TokenFile";

    /// <summary>The first part of every static-token stage check name; a request the stage passes on is decided by its first failure there.</summary>
    public const string StaticTokenPrefix = "Gateway.StaticToken.";

    /// <summary>SECRET_KEY passes the startup rule of release 1.30 (set, at least 32 characters, not a placeholder).</summary>
    public const string StartupSecretKey = "Gateway.Startup.SecretKey";

    /// <summary>REGISTRY_STATIC_TOKEN_AUTH_ENABLED is the string 'true' in any case.</summary>
    public const string StaticTokenEnableFlag = "Gateway.StaticToken.EnableFlag";

    /// <summary>REGISTRY_API_TOKEN is at least 32 characters after strip and not a placeholder.</summary>
    public const string StaticTokenApiTokenStrength = "Gateway.StaticToken.ApiTokenStrength";

    /// <summary>Static-token auth is on, with at least one key loaded.</summary>
    public const string StaticTokenEnabled = "Gateway.StaticToken.Enabled";

    /// <summary>The path is a registry API path ({root}/api/ or {root}/v0.1/), the only paths static tokens apply to.</summary>
    public const string StaticTokenPathMatch = "Gateway.StaticToken.PathMatch";

    /// <summary>No mcp_gateway_session cookie: any such cookie turns static tokens off for the request.</summary>
    public const string StaticTokenNoSessionCookie = "Gateway.StaticToken.NoSessionCookie";

    /// <summary>The credential starts with 'Bearer ' (capital B, one space).</summary>
    public const string StaticTokenBearerScheme = "Gateway.StaticToken.BearerScheme";

    /// <summary>The token after 'Bearer ', stripped of outer white space.</summary>
    public const string StaticTokenStrip = "Gateway.StaticToken.Strip";

    /// <summary>The token equals one of the static keys (REGISTRY_API_TOKEN or REGISTRY_API_KEYS).</summary>
    public const string StaticTokenMatch = "Gateway.StaticToken.Match";

    /// <summary>The path is a federation path and federation static-token auth is on.</summary>
    public const string FederationTokenApplies = "Gateway.FederationToken.Applies";

    /// <summary>A credential header is present on a federation path.</summary>
    public const string FederationTokenHeader = "Gateway.FederationToken.Header";

    /// <summary>The federation credential starts with 'Bearer ' (capital B, one space).</summary>
    public const string FederationTokenBearerScheme = "Gateway.FederationToken.BearerScheme";

    /// <summary>The federation token after 'Bearer ', stripped of outer white space.</summary>
    public const string FederationTokenStrip = "Gateway.FederationToken.Strip";

    /// <summary>The token equals FEDERATION_STATIC_TOKEN.</summary>
    public const string FederationTokenMatch = "Gateway.FederationToken.Match";
}
