namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// The server's RFC 9728 document at <c>/.well-known/oauth-protected-resource</c>: json.Marshal of
/// resource, authorization_servers (issuerUrls in config order, duplicates kept) and
/// bearer_methods_supported ["header"]; no trailing newline; no scopes_supported since v1.4.4.
/// Served only in oauth mode, for any method.
/// </summary>
public static class ProtectedResourceMetadataDocument
{
    public const string Path = "/.well-known/oauth-protected-resource";

    public static string Build(ToolHiveOAuthConfig oauth)
    {
        ArgumentNullException.ThrowIfNull(oauth);
        return Build(oauth.ResourceUrl, oauth.Providers.Select(p => p.IssuerUrl));
    }

    public static string Build(string resourceUrl, IEnumerable<string> issuerUrls) =>
        "{\"resource\":" + GoJson.Quote(resourceUrl)
        + ",\"authorization_servers\":" + GoJson.StringArray(issuerUrls)
        + ",\"bearer_methods_supported\":[\"header\"]}";
}
