namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>A caller's effective scopes resolved against a ScopeIndex once, in the caller's order (unknown scopes dropped: they have no rules).</summary>
public sealed class ScopeSet
{
    internal ScopeSet(IReadOnlyList<string> names, CompiledScope[] scopes)
    {
        Names = names;
        Scopes = scopes;
    }

    /// <summary>The scope names as given, unknown ones included.</summary>
    public IReadOnlyList<string> Names { get; }

    internal CompiledScope[] Scopes { get; }
}
