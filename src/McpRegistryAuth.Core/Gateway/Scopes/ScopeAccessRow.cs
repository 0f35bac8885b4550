namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// One line of the access matrix: what a group gets through one scope's rule. Server and Tool are
/// <c>*</c> for wildcards unless a catalog expanded them; Method <c>*</c> means every method the
/// MatchKind admits. Group is empty for a scope no group maps to.
/// </summary>
public sealed record ScopeAccessRow
{
    public required string Group { get; init; }

    public required string Scope { get; init; }

    /// <summary>0-based rule index in the scope; null for a row about the whole scope.</summary>
    public int? Rule { get; init; }

    public string? Server { get; init; }

    public string? Method { get; init; }

    public string? Tool { get; init; }

    public required MatchKind MatchKind { get; init; }

    /// <summary>True when Server or Tool was filled in from the catalog for a wildcard or substring.</summary>
    public bool FromCatalog { get; init; }

    public string? File { get; init; }

    public int? Line { get; init; }

    public string? Note { get; init; }
}
