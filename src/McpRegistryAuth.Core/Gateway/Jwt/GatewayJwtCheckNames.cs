namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Stable names of the checks of the gateway's JWT stage. PyJWT's steps (algorithm, signature, iat, nbf, exp,
/// iss, aud) have one name under <c>Gateway.Jwt.</c> for IdP tokens and one under <c>Gateway.Jwt.SelfSigned.</c>
/// for tokens the auth server signed itself (<see cref="IdpSteps"/>, <see cref="SelfSignedSteps"/>).
/// </summary>
public static class GatewayJwtCheckNames
{
    /// <summary>The placeholder for the JWT stage when the pipeline stops before it ("not evaluated").</summary>
    public const string Jwt = "Gateway.Jwt";

    /// <summary>The pipeline found no 'Bearer ' credential for the JWT stage (nor a session cookie).</summary>
    public const string BearerHeader = "Gateway.Jwt.BearerHeader";

    /// <summary>The JWT stage's credential header: X-Authorization when present, else Authorization.</summary>
    public const string CredentialHeader = "Gateway.Jwt.CredentialHeader";

    /// <summary>Authorization does not repeat the X-Authorization credential.</summary>
    public const string DuplicateCredential = "Gateway.Jwt.DuplicateCredential";

    /// <summary>The credential starts with 'Bearer ' (case-sensitive, one space).</summary>
    public const string BearerPrefix = "Gateway.Jwt.BearerPrefix";

    /// <summary>A non-empty token follows 'Bearer '.</summary>
    public const string BearerSplit = "Gateway.Jwt.BearerSplit";

    /// <summary>The token decodes as a JWT.</summary>
    public const string Decode = "Gateway.Jwt.Decode";

    /// <summary>The token is self-signed by the auth server and SECRET_KEY is known and long enough.</summary>
    public const string SelfSigned = "Gateway.Jwt.SelfSigned";

    /// <summary>The IdP provider (AUTH_PROVIDER) is one this module evaluates.</summary>
    public const string Provider = "Gateway.Jwt.Provider";

    /// <summary>The provider's settings are complete.</summary>
    public const string ProviderSettings = "Gateway.Jwt.ProviderSettings";

    /// <summary>The token header has a non-empty string kid.</summary>
    public const string KeyId = "Gateway.Jwt.KeyId";

    /// <summary>The provider's JWKS was fetched.</summary>
    public const string Jwks = "Gateway.Jwt.Jwks";

    /// <summary>The JWKS holds a key with the token's kid.</summary>
    public const string KeyLookup = "Gateway.Jwt.KeyLookup";

    /// <summary>IdP token: alg is RS256.</summary>
    public const string Algorithm = "Gateway.Jwt.Algorithm";

    /// <summary>IdP token: the signature verifies with the JWKS key.</summary>
    public const string Signature = "Gateway.Jwt.Signature";

    /// <summary>IdP token: iat is not in the future.</summary>
    public const string IssuedAt = "Gateway.Jwt.IssuedAt";

    /// <summary>IdP token: nbf is not in the future.</summary>
    public const string NotBefore = "Gateway.Jwt.NotBefore";

    /// <summary>IdP token: exp is not past.</summary>
    public const string Expiry = "Gateway.Jwt.Expiry";

    /// <summary>IdP token: iss is one of the provider's issuers.</summary>
    public const string Issuer = "Gateway.Jwt.Issuer";

    /// <summary>IdP token: aud holds one of the provider's audiences.</summary>
    public const string Audience = "Gateway.Jwt.Audience";

    /// <summary>Cognito: token_use says an access token (client_id checked) or an ID token (aud checked).</summary>
    public const string TokenUse = "Gateway.Jwt.TokenUse";

    /// <summary>Cognito access token: client_id is the web client, IDE_OAUTH_CLIENT_ID or one of COGNITO_M2M_CLIENT_IDS.</summary>
    public const string ClientId = "Gateway.Jwt.ClientId";

    /// <summary>Okta: the groups claim is a list of strings.</summary>
    public const string Groups = "Gateway.Jwt.Groups";

    /// <summary>Entra: the token carries no nonce, at_hash or c_hash (it is not an ID token).</summary>
    public const string IdTokenMarkers = "Gateway.Jwt.IdTokenMarkers";

    /// <summary>Self-signed token: token_kind is "user" or "resource".</summary>
    public const string TokenKind = "Gateway.Jwt.TokenKind";

    /// <summary>Resource-bound token: resource_type and resource_id are non-blank strings.</summary>
    public const string ResourceClaims = "Gateway.Jwt.Resource.Claims";

    /// <summary>Resource-bound token: nginx passed the request URL (X-Original-URL), which the binding is checked against.</summary>
    public const string ResourceUrl = "Gateway.Jwt.Resource.Url";

    /// <summary>Resource-bound token: the path is not a registry endpoint closed to resource-bound tokens.</summary>
    public const string ResourceEndpoint = "Gateway.Jwt.Resource.Endpoint";

    /// <summary>Resource-bound token: the path names the resource the token is bound to.</summary>
    public const string ResourceBinding = "Gateway.Jwt.Resource.Binding";

    /// <summary>Self-signed token: alg is HS256 (1.32: HS256 without kid, ES256 with one).</summary>
    public const string SelfSignedAlgorithm = "Gateway.Jwt.SelfSigned.Algorithm";

    /// <summary>Self-signed token: the signature verifies with SECRET_KEY (1.32: or the ES256 public key of its kid).</summary>
    public const string SelfSignedSignature = "Gateway.Jwt.SelfSigned.Signature";

    /// <summary>Self-signed token: iat is not in the future (30 s leeway).</summary>
    public const string SelfSignedIssuedAt = "Gateway.Jwt.SelfSigned.IssuedAt";

    /// <summary>Self-signed token: nbf is not in the future (30 s leeway).</summary>
    public const string SelfSignedNotBefore = "Gateway.Jwt.SelfSigned.NotBefore";

    /// <summary>Self-signed token: exp is not past (30 s leeway).</summary>
    public const string SelfSignedExpiry = "Gateway.Jwt.SelfSigned.Expiry";

    /// <summary>Self-signed token: iss is mcp-auth-server (1.32: JWT_ISSUER).</summary>
    public const string SelfSignedIssuer = "Gateway.Jwt.SelfSigned.Issuer";

    /// <summary>Self-signed token: aud is mcp-registry (1.32: JWT_AUDIENCE).</summary>
    public const string SelfSignedAudience = "Gateway.Jwt.SelfSigned.Audience";

    /// <summary>Self-signed token: token_use is "access".</summary>
    public const string SelfSignedTokenUse = "Gateway.Jwt.SelfSigned.TokenUse";

    /// <summary>Self-signed token (1.32): at most 8192 characters, checked before anything is parsed.</summary>
    public const string SelfSignedSize = "Gateway.Jwt.SelfSigned.Size";

    /// <summary>Self-signed token (1.32): the unverified header parses and its kid, when present, is a string.</summary>
    public const string SelfSignedHeader = "Gateway.Jwt.SelfSigned.Header";

    /// <summary>Self-signed token (1.32): the unverified iss equals JWT_ISSUER, before any signature check.</summary>
    public const string SelfSignedIssuerFirst = "Gateway.Jwt.SelfSigned.IssuerFirst";

    /// <summary>Self-signed token (1.32): a token without kid (HS256) is refused when REJECT_HS256_TOKENS is true.</summary>
    public const string SelfSignedLegacyGate = "Gateway.Jwt.SelfSigned.LegacyGate";

    /// <summary>Self-signed token (1.32): the key chosen by kid: none gives HS256 with SECRET_KEY, any gives ES256 with that key id's public key.</summary>
    public const string SelfSignedKey = "Gateway.Jwt.SelfSigned.Key";

    /// <summary>Self-signed token (1.32): the verifier's own message (the ValueError /validate logs before its 401).</summary>
    public const string SelfSignedVerifier = "Gateway.Jwt.SelfSigned.Verifier";

    /// <summary>The PyJWT step names for an IdP token.</summary>
    internal static readonly PyJwtStepNames IdpSteps = new(Algorithm, Signature, IssuedAt, NotBefore, Expiry, Issuer, Audience);

    /// <summary>The PyJWT step names for a self-signed token.</summary>
    internal static readonly PyJwtStepNames SelfSignedSteps = new(SelfSignedAlgorithm, SelfSignedSignature, SelfSignedIssuedAt, SelfSignedNotBefore, SelfSignedExpiry, SelfSignedIssuer, SelfSignedAudience);
}
