namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// Stable names of the checks of a ToolHive Registry Server verdict: the auth layer, each provider's token
/// validation (JWT or introspection) and the URL rules applied before each fetch. The fetch checks are named
/// per fetch (<c>ToolHive.Fetch.Discovery.</c>, <c>.Jwks.</c>, <c>.Introspection.</c>, then <c>HttpsTransport</c>
/// or <c>PrivateAddress</c>); <see cref="DiscoveryFetch"/>, <see cref="JwksFetch"/> and <see cref="IntrospectionFetch"/> pair them.
/// </summary>
public static class ToolHiveCheckNames
{
    /// <summary>The auth mode: in anonymous mode no credential is checked.</summary>
    public const string Mode = "ToolHive.Mode";

    /// <summary>The path is not a public path (a public path skips authentication).</summary>
    public const string PublicPath = "ToolHive.PublicPath";

    /// <summary>The Authorization header is 'Bearer ' (case-sensitive, one space) then a token.</summary>
    public const string BearerHeader = "ToolHive.BearerHeader";

    /// <summary>A provider accepts the token (providers are tried in order; the first acceptance wins).</summary>
    public const string Provider = "ToolHive.Provider";

    /// <summary>The DEBUG line the server logs for a provider that refused the token.</summary>
    public const string ProviderDebugLog = "ToolHive.Provider.DebugLog";

    /// <summary>issuerUrl passes the discovery pre-check: https, or a loopback host (or THV_REGISTRY_INSECURE_URL=true).</summary>
    public const string FetchDiscoveryPrecheck = "ToolHive.Fetch.DiscoveryPrecheck";

    /// <summary>Configuration check: the provider's first fetch (discovery or jwksUrl) is https.</summary>
    public const string FetchHttpsTransport = "ToolHive.Fetch.HttpsTransport";

    /// <summary>Configuration check: an address of the provider's first fetch may be dialled (public, or allowPrivateIP: true).</summary>
    public const string FetchPrivateAddress = "ToolHive.Fetch.PrivateAddress";

    /// <summary>The OIDC discovery request is https.</summary>
    public const string FetchDiscoveryHttpsTransport = "ToolHive.Fetch.Discovery.HttpsTransport";

    /// <summary>The OIDC discovery host may be dialled (public, or allowPrivateIP: true).</summary>
    public const string FetchDiscoveryPrivateAddress = "ToolHive.Fetch.Discovery.PrivateAddress";

    /// <summary>The JWKS request is https.</summary>
    public const string FetchJwksHttpsTransport = "ToolHive.Fetch.Jwks.HttpsTransport";

    /// <summary>The JWKS host may be dialled (public, or allowPrivateIP: true).</summary>
    public const string FetchJwksPrivateAddress = "ToolHive.Fetch.Jwks.PrivateAddress";

    /// <summary>The introspection request is https.</summary>
    public const string FetchIntrospectionHttpsTransport = "ToolHive.Fetch.Introspection.HttpsTransport";

    /// <summary>The introspection host may be dialled (public, or allowPrivateIP: true).</summary>
    public const string FetchIntrospectionPrivateAddress = "ToolHive.Fetch.Introspection.PrivateAddress";

    /// <summary>OIDC discovery of the issuer succeeded and named a jwks_uri.</summary>
    public const string JwtDiscovery = "ToolHive.Jwt.Discovery";

    /// <summary>The token parses as a JWT (otherwise it is treated as opaque).</summary>
    public const string JwtParse = "ToolHive.Jwt.Parse";

    /// <summary>alg is one of RS256/384/512 or ES256/384/512.</summary>
    public const string JwtAlgorithm = "ToolHive.Jwt.Algorithm";

    /// <summary>The JWKS was fetched.</summary>
    public const string JwtJwks = "ToolHive.Jwt.Jwks";

    /// <summary>kid is a JSON string.</summary>
    public const string JwtKeyId = "ToolHive.Jwt.KeyId";

    /// <summary>The JWKS holds a key with the token's kid.</summary>
    public const string JwtKeyLookup = "ToolHive.Jwt.KeyLookup";

    /// <summary>The signature verifies.</summary>
    public const string JwtSignature = "ToolHive.Jwt.Signature";

    /// <summary>exp is a number and not past.</summary>
    public const string JwtExpiry = "ToolHive.Jwt.Expiry";

    /// <summary>nbf is a number and not in the future.</summary>
    public const string JwtNotBefore = "ToolHive.Jwt.NotBefore";

    /// <summary>iss (trimmed) equals issuerUrl exactly.</summary>
    public const string JwtIssuer = "ToolHive.Jwt.Issuer";

    /// <summary>aud contains the provider's audience.</summary>
    public const string JwtAudience = "ToolHive.Jwt.Audience";

    /// <summary>The token has an exp in the future (exp is required).</summary>
    public const string JwtExpRequired = "ToolHive.Jwt.ExpRequired";

    /// <summary>An opaque token needs introspectionUrl on the provider.</summary>
    public const string IntrospectionEndpoint = "ToolHive.Introspection.Endpoint";

    /// <summary>The kind of introspection (RFC 7662, Google tokeninfo, GitHub).</summary>
    public const string IntrospectionProvider = "ToolHive.Introspection.Provider";

    /// <summary>The introspection request answered 200 with a JSON object.</summary>
    public const string IntrospectionCall = "ToolHive.Introspection.Call";

    /// <summary>The introspection answer says active: true.</summary>
    public const string IntrospectionActive = "ToolHive.Introspection.Active";

    /// <summary>The introspection answer's exp is a JSON number.</summary>
    public const string IntrospectionExp = "ToolHive.Introspection.Exp";

    /// <summary>The check names of the discovery fetch.</summary>
    internal static readonly (string HttpsTransport, string PrivateAddress) DiscoveryFetch = (FetchDiscoveryHttpsTransport, FetchDiscoveryPrivateAddress);

    /// <summary>The check names of the JWKS fetch.</summary>
    internal static readonly (string HttpsTransport, string PrivateAddress) JwksFetch = (FetchJwksHttpsTransport, FetchJwksPrivateAddress);

    /// <summary>The check names of the introspection fetch.</summary>
    internal static readonly (string HttpsTransport, string PrivateAddress) IntrospectionFetch = (FetchIntrospectionHttpsTransport, FetchIntrospectionPrivateAddress);
}
