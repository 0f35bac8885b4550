namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// What differs per provider for client credentials: which provider a URL shows, where Cognito's token
/// endpoint is, which body parameter carries the audience, and whether MSAL can serve the request.
/// </summary>
public static class ProviderRules
{
    /// <summary>The provider the host or path shows; <see cref="OAuthProvider.Oidc"/> when nothing does.</summary>
    public static OAuthProvider Infer(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.Host.ToLowerInvariant();
        if (host.EndsWith(".amazoncognito.com", StringComparison.Ordinal) || host.StartsWith("cognito-idp.", StringComparison.Ordinal)) return OAuthProvider.Cognito;
        if (host is "login.microsoftonline.com" or "sts.windows.net" || host.EndsWith(".ciamlogin.com", StringComparison.Ordinal)) return OAuthProvider.Entra;
        if (host.EndsWith(".okta.com", StringComparison.Ordinal) || host.EndsWith(".oktapreview.com", StringComparison.Ordinal)) return OAuthProvider.Okta;
        if (host.EndsWith(".auth0.com", StringComparison.Ordinal)) return OAuthProvider.Auth0;
        if (url.AbsolutePath.Contains("/realms/", StringComparison.Ordinal)) return OAuthProvider.Keycloak;
        return OAuthProvider.Oidc;
    }

    /// <summary>
    /// Cognito's token endpoint: /oauth2/token on the user-pool domain. The issuer (cognito-idp.&lt;region&gt;) has
    /// discovery but no token endpoint of its own, so it cannot stand for the domain.
    /// </summary>
    /// <exception cref="Reporting.CommandFailureException">CognitoDomainRequired: the URL is the pool's issuer.</exception>
    public static Uri CognitoTokenEndpoint(Uri domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.Host.StartsWith("cognito-idp.", StringComparison.OrdinalIgnoreCase))
        {
            throw new Reporting.CommandFailureException("CognitoDomainRequired", Reporting.FailureCategory.InvalidArgument,
                $"'{domain}' is the user pool's issuer, which has no token endpoint.", domain.AbsoluteUri,
                "Pass the user-pool domain (https://<domain>.auth.<region>.amazoncognito.com or the custom domain) as -Authority, or its /oauth2/token URL as -TokenEndpoint.");
        }

        return new Uri(domain.AbsoluteUri.TrimEnd('/') + "/oauth2/token");
    }

    /// <summary>
    /// The body parameter that asks for an audience: Auth0 reads <c>audience</c> (it ignores RFC 8707
    /// <c>resource</c> unless its compatibility profile is on); Entra derives it from the scope; Cognito has none.
    /// </summary>
    public static string? AudienceParameter(OAuthProvider provider) => provider switch
    {
        OAuthProvider.Auth0 => "audience",
        OAuthProvider.Entra or OAuthProvider.Cognito => null,
        _ => "resource",
    };

    /// <summary>MSAL serves discovery-based providers; Cognito's domain and servers named by their token endpoint take the plain path.</summary>
    public static bool UsesMsal(OAuthProvider provider, bool hasTokenEndpoint) => provider != OAuthProvider.Cognito && !hasTokenEndpoint;

    /// <summary>
    /// Whether a user sign-in goes through MSAL: Entra's device code does (MSAL's PublicClientApplication, its
    /// refresh token kept in MSAL's cache); every other provider and Entra's browser sign-in take RFC 8628 and
    /// RFC 6749 with PKCE over the module's HttpClient (MSAL has no device code for non-Entra authorities).
    /// </summary>
    public static bool UsesMsalForUser(OAuthProvider provider, TokenFlow flow) => provider == OAuthProvider.Entra && flow == TokenFlow.DeviceCode;

    /// <summary>
    /// The scopes a user sign-in asks for: the caller's, plus openid (an ID token, to check the nonce) and
    /// offline_access where the provider issues refresh tokens only for it (Okta, Auth0, Entra and OpenID
    /// Connect providers in general). Keycloak issues refresh tokens without it (there it asks for an
    /// offline token that outlives the session); Cognito rejects offline_access and issues refresh tokens anyway.
    /// </summary>
    public static IReadOnlyList<string> UserFlowScopes(OAuthProvider provider, IReadOnlyList<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var result = scopes.ToList();
        if (!result.Contains("openid", StringComparer.Ordinal)) result.Insert(0, "openid");
        if (provider is not (OAuthProvider.Keycloak or OAuthProvider.Cognito) && !result.Contains("offline_access", StringComparer.Ordinal)) result.Add("offline_access");
        return result;
    }
}
