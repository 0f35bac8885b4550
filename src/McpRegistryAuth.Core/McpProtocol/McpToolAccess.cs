namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// One tool the server listed: the gateway's fine-grained access verdict the module predicts for tools/call
/// (with -ScopesPath) and, for a tool named in -CallTools, what the server and gateway actually answered.
/// </summary>
public sealed record McpToolAccess
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>True/false: the predicted tools/call verdict; null without scope definitions.</summary>
    public bool? Predicted { get; init; }

    /// <summary>Why, in the gateway's words (the matching scope, or "Access denied to server.tools/call").</summary>
    public string? PredictedDetail { get; init; }

    /// <summary>True: called and answered; false: refused (403) or failed; null: not called.</summary>
    public bool? Observed { get; init; }

    /// <summary>The HTTP status of the tools/call (200, 403, ...), null when not called.</summary>
    public int? ObservedStatus { get; init; }

    public string? ObservedDetail { get; init; }

    /// <summary>True when the call reached the tool but the tool answered with isError.</summary>
    public bool ToolError { get; init; }

    /// <summary>True when a prediction and an observation exist and differ: the scope file or the gateway is not what you think.</summary>
    public bool Disagrees => Predicted is { } p && Observed is { } o && p != o;
}
