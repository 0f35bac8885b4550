namespace McpRegistryAuth.Core.OAuth;

/// <summary>The identity provider a token comes from; it decides the path (MSAL or the plain token endpoint) and the audience parameter.</summary>
public enum OAuthProvider
{
    /// <summary>Any OpenID provider with discovery at {issuer}/.well-known/openid-configuration.</summary>
    Oidc,

    Keycloak,

    Okta,

    Auth0,

    Entra,

    /// <summary>Amazon Cognito: a user-pool domain's /oauth2/token, which has no usable discovery.</summary>
    Cognito,
}
