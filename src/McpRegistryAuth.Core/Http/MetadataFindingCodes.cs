namespace McpRegistryAuth.Core.Http;

/// <summary>Stable codes of findings from client-side metadata discovery (Get-RegistryAuthMetadata).</summary>
public static class MetadataFindingCodes
{
    /// <summary>The unauthenticated probe did not answer 401 with a challenge; the well-known URLs are tried.</summary>
    public const string NoChallenge = "PRM001";
    /// <summary>The challenge has no resource_metadata parameter; the well-known URLs are tried.</summary>
    public const string NoResourceMetadataParameter = "PRM002";
    /// <summary>The metadata was found only at ToolHive's path-appended URL, where MCP clients do not look.</summary>
    public const string FoundOnlyPathAppended = "PRM003";
    /// <summary>No protected-resource metadata at any candidate URL.</summary>
    public const string ResourceMetadataNotFound = "PRM004";
    /// <summary>The metadata's resource is empty or not the requested URL: clients must not use the document.</summary>
    public const string ResourceMismatch = "PRM005";
    /// <summary>The metadata lists no authorization_servers.</summary>
    public const string NoAuthorizationServers = "PRM006";
    /// <summary>An authorization server is not an http(s) URL or its metadata cannot be fetched.</summary>
    public const string AuthorizationServerUnreachable = "PRM007";
    /// <summary>An authorization server's metadata reports another issuer than the one listed.</summary>
    public const string IssuerMismatch = "PRM008";
    /// <summary>An authorization server does not publish S256 in code_challenge_methods_supported, which MCP clients require.</summary>
    public const string NoPkce = "PRM009";
    /// <summary>An authorization server uses plain http.</summary>
    public const string InsecureEndpoint = "PRM010";
    /// <summary>A metadata URL answered 200 but not with a JSON object.</summary>
    public const string InvalidDocument = "PRM011";
    /// <summary>The resource is a prefix of the requested URL: ToolHive advertises its base URL for every route.</summary>
    public const string ToolHiveBaseUrlResource = "PRM012";
    /// <summary>The registry gave no HTTP answer (its host does not resolve, refuses the connection, or does not answer in time).</summary>
    public const string Unreachable = "PRM013";
}
