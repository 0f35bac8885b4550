namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Loads scope definitions from a path. A folder is a set of mcp_scopes documents. A file is read once and
/// its content decides the source, not its name (operators keep <c>scopes.yml.backup</c> and exports named
/// anything): text that starts with <c>{</c> or <c>[</c> is mcp_scopes JSON, anything else scopes.yml. Only
/// a file that is empty or could not be read falls back on its extension (.yml/.yaml for scopes.yml).
/// </summary>
public static class ScopeDefinitionsLoader
{
    public static ScopeDefinitions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return McpScopesLoader.Load(path);
        }

        var findings = new List<Finding>();
        var bytes = McpScopesLoader.ReadBytes(path, findings);
        var json = bytes is null ? null : StartsLikeJson(bytes);
        if (json ?? !HasYamlExtension(path))
        {
            return bytes is null ? McpScopesLoader.Build([], path, findings) : McpScopesLoader.FromBytes(bytes, path, findings);
        }

        // A file that could not be read is reported by the YAML loader, in its words, when its name says YAML.
        return bytes is null ? ScopesYamlLoader.Load(path) : ScopesYamlLoader.FromBytes(bytes, path);
    }

    /// <summary>True when the first character after a UTF-8 BOM and white space opens a JSON value; null when there is none.</summary>
    private static bool? StartsLikeJson(byte[] bytes)
    {
        var at = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        while (at < bytes.Length && bytes[at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            at++;
        }

        return at == bytes.Length ? null : bytes[at] is (byte)'{' or (byte)'[';
    }

    private static bool HasYamlExtension(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
}
