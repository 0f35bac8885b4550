namespace McpRegistryAuth.Core.Http;

/// <summary>What a diagnosed fetch is expected to return, which decides the JSON shape and key-id steps.</summary>
public enum FetchDocumentKind
{
    /// <summary>Any JSON object.</summary>
    Json,

    /// <summary>An OpenID Connect discovery document: an object with a non-empty <c>jwks_uri</c>.</summary>
    Discovery,

    /// <summary>A JSON Web Key Set: an object with a <c>keys</c> array; its kids are reported.</summary>
    Jwks,
}
