namespace McpRegistryAuth.Core.Http;

/// <summary>Stable codes of findings from client-side metadata discovery (Get-RegistryAuthMetadata).</summary>
public static class MetadataFindingCodes
{
    public const string NoChallenge = "PRM001";
    public const string NoResourceMetadataParameter = "PRM002";
    public const string FoundOnlyPathAppended = "PRM003";
    public const string ResourceMetadataNotFound = "PRM004";
    public const string ResourceMismatch = "PRM005";
    public const string NoAuthorizationServers = "PRM006";
    public const string AuthorizationServerUnreachable = "PRM007";
    public const string IssuerMismatch = "PRM008";
    public const string NoPkce = "PRM009";
    public const string InsecureEndpoint = "PRM010";
    public const string InvalidDocument = "PRM011";
    public const string ToolHiveBaseUrlResource = "PRM012";
}
