namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The scopes a REGISTRY_API_KEYS entry gets: the auth server maps the key's groups through the scope
/// definitions once, at startup, and warns when they map to none (every request with the key is then 403).
/// </summary>
public static class StaticKeyScopes
{
    /// <summary>The mapping as a Check: observed the scopes, and on failure the gateway's startup warning as the hint.</summary>
    public static Check Check(ScopeDefinitions definitions, string keyName, IReadOnlyList<string> groups) =>
        Check(definitions, keyName, groups, definitions.MapGroupsToScopes(groups));

    internal static Check Check(ScopeDefinitions definitions, string? keyName, IReadOnlyList<string> groups, IReadOnlyList<string> mapped) => new(
        ScopeCheckNames.Scopes,
        mapped.Count > 0,
        $"groups [{string.Join(", ", groups)}] map to [{string.Join(", ", mapped)}] in {definitions.Source}",
        "at least one scope mapped from the key's groups at startup",
        mapped.Count > 0 ? null : $"The gateway logs: Static key '{keyName}' has no scope mappings for groups {PythonList(groups)}. Requests using this key will get 403 on all protected endpoints.");

    private static string PythonList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => $"'{v}'")) + "]";
}
