using McpRegistryAuth.Core.Go;

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

    /// <summary>The body served at <see cref="Path"/>, or null when the server answers 404 (anonymous mode has no such route).</summary>
    public static string? Serve(ToolHiveAuthConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.IsOAuth && config.OAuth is { } oauth ? Build(oauth) : null;
    }

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
