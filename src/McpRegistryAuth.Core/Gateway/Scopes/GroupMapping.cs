namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>scopes.yml only: one <c>group_mappings</c> entry, a group and the scopes it grants in file order.</summary>
public sealed record GroupMapping(string Group, IReadOnlyList<string> Scopes, string? File, int Line);
