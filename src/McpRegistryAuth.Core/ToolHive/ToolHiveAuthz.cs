namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// <c>auth.authz</c> as the server sees it. Its presence (not its content) switches role checks and
/// claim gates on; a role with no rules is held by nobody (except via superAdmin).
/// </summary>
public sealed record ToolHiveAuthz(IReadOnlyDictionary<ToolHiveRole, IReadOnlyList<ToolHiveRoleRule>> Roles);
