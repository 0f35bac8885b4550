namespace McpRegistryAuth.Core.Http;

/// <summary>
/// Stable names of the checks of client-side metadata discovery (Get-RegistryAuthMetadata). Each protected-resource
/// metadata URL tried is one check, named after its <see cref="ResourceMetadataSource"/> (<see cref="ProtectedResource"/>).
/// </summary>
public static class MetadataCheckNames
{
    /// <summary>The unauthenticated probe answered 401 with WWW-Authenticate.</summary>
    public const string Probe = "Metadata.Probe";

    /// <summary>The URL in the challenge's resource_metadata answered 200 with a JSON object.</summary>
    public const string ProtectedResourceChallenge = "Metadata.ProtectedResource.Challenge";

    /// <summary>The RFC 9728 well-known URL with the path after the well-known segment answered 200 with a JSON object.</summary>
    public const string ProtectedResourcePathInserted = "Metadata.ProtectedResource.PathInserted";

    /// <summary>The well-known URL at the host root answered 200 with a JSON object.</summary>
    public const string ProtectedResourceRoot = "Metadata.ProtectedResource.Root";

    /// <summary>ToolHive's form, the well-known segment appended to the URL, answered 200 with a JSON object.</summary>
    public const string ProtectedResourcePathAppended = "Metadata.ProtectedResource.PathAppended";

    /// <summary>An authorization server's metadata URL answered 200 with a JSON object.</summary>
    public const string AuthorizationServer = "Metadata.AuthorizationServer";

    /// <summary>The check name for a protected-resource metadata URL found through <paramref name="source"/>.</summary>
    public static string ProtectedResource(ResourceMetadataSource source) => source switch
    {
        ResourceMetadataSource.Challenge => ProtectedResourceChallenge,
        ResourceMetadataSource.PathInserted => ProtectedResourcePathInserted,
        ResourceMetadataSource.Root => ProtectedResourceRoot,
        ResourceMetadataSource.PathAppended => ProtectedResourcePathAppended,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
