namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>What kind of entry a rule is, as FGAC sees it.</summary>
public enum ScopeRuleShape
{
    /// <summary>A mapping with a <c>server</c> key: examined by FGAC.</summary>
    ServerRule,

    /// <summary>A mapping without a usable <c>server</c> (agent rules, legacy <c>agents:</c>, grouped <c>access_rules</c> in scopes.yml): never matches.</summary>
    NeverMatches,

    /// <summary>Not a mapping: <c>rule.get</c> raises, so FGAC denies as soon as it reaches this entry.</summary>
    NotAMapping,
}
