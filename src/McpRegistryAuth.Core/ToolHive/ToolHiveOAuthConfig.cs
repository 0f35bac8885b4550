namespace McpRegistryAuth.Core.ToolHive;

/// <summary><c>auth.oauth</c> after decoding.</summary>
public sealed record ToolHiveOAuthConfig
{
    public const string DefaultRealm = "mcp-registry";

    public string ResourceUrl { get; init; } = "";

    /// <summary>As written; see <see cref="EffectiveRealm"/> for the default.</summary>
    public string Realm { get; init; } = "";

    public string EffectiveRealm => Realm.Length == 0 ? DefaultRealm : Realm;

    public IReadOnlyList<ToolHiveProvider> Providers { get; init; } = [];
}
