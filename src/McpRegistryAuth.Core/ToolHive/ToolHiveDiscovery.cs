namespace McpRegistryAuth.Core.ToolHive;

/// <summary>URLs the ToolHive token validator fetches, built exactly as it builds them.</summary>
public static class ToolHiveDiscovery
{
    public const string OpenIdConfigurationSuffix = "/.well-known/openid-configuration";

    public const string ProtectedResourceSuffix = "/.well-known/oauth-protected-resource";

    /// <summary><c>strings.TrimSuffix(issuerUrl, "/") + "/.well-known/openid-configuration"</c>: exactly one slash removed, the path kept.</summary>
    public static string OpenIdConfigurationUrl(string issuerUrl)
    {
        ArgumentNullException.ThrowIfNull(issuerUrl);
        var trimmed = issuerUrl.EndsWith('/') ? issuerUrl[..^1] : issuerUrl;
        return trimmed + OpenIdConfigurationSuffix;
    }

    /// <summary>The <c>resource_metadata</c> URL the server advertises: plain concatenation, so a trailing slash gives <c>//</c>.</summary>
    public static string ResourceMetadataUrl(string resourceUrl) => resourceUrl + ProtectedResourceSuffix;
}
