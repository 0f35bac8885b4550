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
    };

    public static ScopeDefinitions Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromDocument(YamlLoader.LoadFile(path, Options), path);
    }

    public static ScopeDefinitions FromText(string yaml, string file = "scopes.yml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return FromDocument(YamlLoader.Load(yaml, file, Options), file);
    }

    private static ScopeDefinitions FromDocument(YamlDocument document, string file)
    {
        var findings = new List<Finding>(document.Findings);
        var root = YamlDefinitionConverter.Convert(document.Root, file, findings);
        return ScopesYamlModel.Build(root, file, findings);
    }
}
