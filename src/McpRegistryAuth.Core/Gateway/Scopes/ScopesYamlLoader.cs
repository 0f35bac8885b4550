using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Loads <c>auth_server/scopes.yml</c> (gateway releases up to 1.24.x) through the shared YAML loader with
/// the gateway's semantics: duplicate keys last-wins with a Warning, aliases, depth and size bounded.
/// </summary>
public static class ScopesYamlLoader
{
    /// <summary>Limits sized for a generated definition of 10,000 servers and 1,000 groups.</summary>
    public static YamlLoadOptions Options { get; } = YamlLoadOptions.GatewayScopes with
    {
        MaxBytes = McpScopesLoader.MaxFileBytes,
        MaxExpandedNodes = 2_000_000,
        MaxExpandedChars = 8 * 1024 * 1024,
    };

    public static ScopeDefinitions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Build(rootEntries => YamlLoader.LoadFile(path, Options, rootEntries), path);
    }

    /// <summary>Loads scopes.yml from a file's bytes, already read.</summary>
    public static ScopeDefinitions FromBytes(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Build(rootEntries => YamlLoader.Load(bytes, file, Options, rootEntries), file);
    }

    public static ScopeDefinitions FromText(string yaml, string file = "scopes.yml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return Build(rootEntries => YamlLoader.Load(yaml, file, Options, rootEntries), file);
    }

    private static ScopeDefinitions Build(Func<Action<YamlNode, YamlNode>, YamlDocument> load, string file)
    {
        var findings = new List<Finding>();
        var root = YamlDefinitionConverter.LoadAndConvert(load, file, findings);
        return ScopesYamlModel.Build(root, file, findings);
    }
}
