namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>A caller's effective scopes in the order FGAC examines them, and how they were obtained.</summary>
public sealed record EffectiveScopes
{
    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>Scopes that came from mapping groups (a prefix of Scopes, in mapping order).</summary>
    public IReadOnlyList<string> MappedScopes { get; init; } = Array.Empty<string>();

    /// <summary>True when the groups were mapped; false when the token's own scopes were used.</summary>
    public bool GroupsMapped { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = Array.Empty<Check>();
}
