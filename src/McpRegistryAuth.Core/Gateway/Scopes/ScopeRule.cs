namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// One entry of a scope's server rules exactly as <c>get_server_scopes(scope)</c> returns it, with the
/// parsed server, methods and tools fields. Index is 0-based in the list FGAC iterates.
/// </summary>
public sealed class ScopeRule
{
    public ScopeRule(string scope, int index, DefinitionValue value)
    {
        Scope = scope;
        Index = index;
        Value = value;
        if (value.Kind != DefinitionValueKind.Mapping)
        {
            Shape = ScopeRuleShape.NotAMapping;
            return;
        }

        Server = value.Get("server");
        Methods = value.Get("methods");
        Tools = value.Get("tools");
        Shape = Server is null || IsFalsy(Server) ? ScopeRuleShape.NeverMatches : ScopeRuleShape.ServerRule;
        NormalizedServer = Server is { Kind: DefinitionValueKind.String } s && s.Text!.Length > 0 ? s.Text.Trim('/') : null;
    }

    public string Scope { get; }

    public int Index { get; }

    public DefinitionValue Value { get; }

    public ScopeRuleShape Shape { get; }

    /// <summary>The <c>server</c> value; null when the key is absent.</summary>
    public DefinitionValue? Server { get; }

    /// <summary>The <c>methods</c> value; null when absent (the gateway then uses <c>[]</c>).</summary>
    public DefinitionValue? Methods { get; }

    /// <summary>The <c>tools</c> value; null when absent (the gateway then uses <c>[]</c>).</summary>
    public DefinitionValue? Tools { get; }

    public string? File => Value.File;

    public int Line => Value.Line;

    /// <summary>
    /// The server name after the gateway's normalisation (leading and trailing '/' stripped), when the
    /// server is a non-empty string; null otherwise.
    /// </summary>
    public string? NormalizedServer { get; }

    /// <summary>
    /// True when <c>server</c> is <c>v0.1</c>, a server no request is checked as: /v0.1/... requests are
    /// checked as server <c>v0.1/&lt;rest of path&gt;</c>, so the rule can never match (FGA015).
    /// </summary>
    public bool ServerIsNeverRequested => NormalizedServer == "v0.1";

    /// <summary>True when <c>server</c> normalises to <c>*</c>, the only wildcard FGAC knows.</summary>
    public bool IsServerWildcard => NormalizedServer == "*";

    /// <summary>
    /// Why examining this rule raises in the gateway regardless of the request (the rule is not a mapping,
    /// or its server is a non-empty non-string so <c>.strip</c> fails); null when it does not.
    /// </summary>
    public string? AlwaysFailsBecause => Shape switch
    {
        ScopeRuleShape.NotAMapping => $"the rule is a {Value.PythonType}, not a mapping ('{Value.PythonType}' object has no attribute 'get')",
        ScopeRuleShape.ServerRule when Server!.Kind != DefinitionValueKind.String => $"server is a {Server.PythonType} ({Server}), so stripping its slashes raises",
        _ => null,
    };

    /// <summary>Python truthiness: the gateway passes None, '' and other falsy values through its normaliser unchanged, and they never match.</summary>
    internal static bool IsFalsy(DefinitionValue value) => value.Kind switch
    {
        DefinitionValueKind.Null => true,
        DefinitionValueKind.String => value.Text!.Length == 0,
        DefinitionValueKind.List => value.Items.Count == 0,
        DefinitionValueKind.Mapping => value.Entries.Count == 0,
        DefinitionValueKind.Boolean => value.Text == "False",
        DefinitionValueKind.Number => value.NumberValue == 0,
        _ => false,
    };
}
