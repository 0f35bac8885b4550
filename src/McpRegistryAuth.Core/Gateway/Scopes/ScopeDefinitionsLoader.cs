namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Loads scope definitions from a path, choosing the source by its form: a .yml/.yaml file is scopes.yml; a folder or any other file is an mcp_scopes export.</summary>
public static class ScopeDefinitionsLoader
{
    public static ScopeDefinitions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path) && (path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)))
        {
            return ScopesYamlLoader.Load(path);
        }

        return McpScopesLoader.Load(path);
    }
}
