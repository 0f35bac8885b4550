namespace McpRegistryAuth.Core.Http;

/// <summary>Well-known metadata URLs (RFC 9728 §3, RFC 8414 §3, OIDC Discovery §4) in the MCP client order.</summary>
public static class WellKnownUrls
{
    public const string ProtectedResource = "/.well-known/oauth-protected-resource";
    public const string AuthorizationServer = "/.well-known/oauth-authorization-server";
    public const string OpenIdConfiguration = "/.well-known/openid-configuration";

    /// <summary>RFC 9728 §3: the well-known segment inserted between host and path (a terminating '/' removed first); null without a path.</summary>
    public static string? ProtectedResourcePathInserted(Uri resource)
    {
        var path = resource.AbsolutePath.TrimEnd('/');
        return path.Length == 0 ? null : Origin(resource) + ProtectedResource + path;
    }

    public static string ProtectedResourceRoot(Uri resource) => Origin(resource) + ProtectedResource;

    /// <summary>ToolHive's form: the well-known segment appended to its resourceUrl (works only behind a path-stripping proxy).</summary>
    public static string ProtectedResourcePathAppended(Uri resource) => resource.GetLeftPart(UriPartial.Path).TrimEnd('/') + ProtectedResource;

    /// <summary>
    /// Authorization-server metadata URLs for an issuer, in the MCP order: with a path, RFC 8414
    /// inserted, OIDC inserted, OIDC appended; without, RFC 8414 then OIDC.
    /// </summary>
    public static IReadOnlyList<string> AuthorizationServerMetadata(Uri issuer)
    {
        var origin = Origin(issuer);
        var path = issuer.AbsolutePath.TrimEnd('/');
        if (path.Length == 0)
        {
            return [origin + AuthorizationServer, origin + OpenIdConfiguration];
        }

        return [origin + AuthorizationServer + path, origin + OpenIdConfiguration + path, origin + path + OpenIdConfiguration];
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
