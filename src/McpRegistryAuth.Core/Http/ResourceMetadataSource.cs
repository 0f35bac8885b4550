namespace McpRegistryAuth.Core.Http;

/// <summary>Where the protected-resource metadata was found, in the order they are tried.</summary>
public enum ResourceMetadataSource
{
    /// <summary>The <c>resource_metadata</c> parameter of the 401 challenge (or the given header).</summary>
    Challenge,

    /// <summary>RFC 9728 §3: well-known segment inserted before the path.</summary>
    PathInserted,

    /// <summary>The well-known URL at the host root.</summary>
    Root,

    /// <summary>ToolHive's form: appended to the URL; not an RFC 9728 location.</summary>
    PathAppended,
}
