namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Where the gateway read its scope definitions, which fixes the semantics of the gateway release that used it.</summary>
public enum ScopeSourceKind
{
    /// <summary>
    /// <c>auth_server/scopes.yml</c> with the file storage backend (releases up to 1.24.x, V124 in the
    /// reference): group_mappings maps a group to scopes, every other top-level key is a scope whose raw
    /// value is the rule list (no flattening).
    /// </summary>
    ScopesYaml,

    /// <summary>
    /// The <c>mcp_scopes</c> collection (MongoDB/DocumentDB, latest release) as exported: one document per
    /// scope, <c>group_mappings</c> lists the groups that get it, <c>server_access</c> is flattened.
    /// </summary>
    McpScopes,
}
