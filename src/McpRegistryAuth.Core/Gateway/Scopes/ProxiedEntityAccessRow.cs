namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// One line of the access matrix for a proxied entity (release 1.32): whether a group's scope grants one HTTP
/// verb on the entity's key under the generic proxy's rules, and the rule that decided. Group is empty for a
/// scope no group maps to.
/// </summary>
public sealed record ProxiedEntityAccessRow
{
    public required string Group { get; init; }

    public required string Scope { get; init; }

    /// <summary>The scope key, <c>{entity_type}/{registered_path}</c>.</summary>
    public required string Entity { get; init; }

    public required string EntityType { get; init; }

    /// <summary>The upper-cased HTTP verb FGAC checks.</summary>
    public required string Verb { get; init; }

    public required bool Granted { get; init; }

    /// <summary>The rule that granted the verb (0-based in the scope), or the rule that raised and so denies.</summary>
    public int? Rule { get; init; }

    /// <summary>What granted it: the listed verb, or <c>http:*</c>; "error" for a rule that raises; null when denied.</summary>
    public string? By { get; init; }

    /// <summary>Why, in the words of the Gateway.Fgac checks.</summary>
    public required string Reason { get; init; }

    public string? File { get; init; }

    public int? Line { get; init; }
}
