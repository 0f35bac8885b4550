namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Group and scope names as given to the scope cmdlets: one value (a CSV cell) may hold several, separated by ';'.</summary>
public static class GroupAndScopeNames
{
    /// <summary>Every name in the values, trimmed, in order; empty entries and null values are dropped.</summary>
    public static IReadOnlyList<string> Split(IEnumerable<string?>? values) => values is null
        ? Array.Empty<string>()
        : values.OfType<string>().SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
