namespace McpRegistryAuth.HelpBuilder;

/// <summary>How a parameter takes part in one parameter set (one item of its yaml ParameterSets list).</summary>
public sealed record ParameterSetMembership(
    string Name,
    string Position,
    bool IsRequired,
    bool ValueFromPipeline,
    bool ValueFromPipelineByPropertyName,
    bool ValueFromRemainingArguments)
{
    /// <summary>PlatyPS's name for "every parameter set".</summary>
    public const string All = "(All)";

    public bool IsNamed => string.Equals(Position, "Named", StringComparison.OrdinalIgnoreCase);
}
