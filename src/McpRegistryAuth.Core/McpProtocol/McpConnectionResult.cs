namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>Test-McpConnection's answer: each stage with its time, what the server said about itself, and its tools.</summary>
public sealed record McpConnectionResult
{
    public required Uri Uri { get; init; }

    /// <summary>StreamableHttp or Sse: the transport that was used.</summary>
    public required string Transport { get; init; }

    public bool Succeeded => FailureClass is null;

    public McpFailureClass? FailureClass { get; init; }

    /// <summary>The failed stage's name (McpStepNames), null when every stage passed.</summary>
    public string? FailedStep { get; init; }

    public string? Message { get; init; }

    public string? Fix { get; init; }

    /// <summary>The ErrorRecord's id and category for the failure (null when it succeeded).</summary>
    public string? ErrorId { get; init; }

    public Reporting.FailureCategory? ErrorCategory { get; init; }

    public IReadOnlyList<McpConnectionStep> Steps { get; init; } = [];

    public string? ServerName { get; init; }

    public string? ServerVersion { get; init; }

    /// <summary>The protocol version the server answered initialize with.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>True when the server gave an Mcp-Session-Id (a stateful server); the id itself is not kept.</summary>
    public bool HasSession { get; init; }

    /// <summary>The capabilities the server announced: tools, resources, prompts, logging, completions.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Tools over every page of tools/list; null when the list was not reached.</summary>
    public int? ToolCount { get; init; }

    /// <summary>Pages tools/list took (a server pages with nextCursor).</summary>
    public int ToolPages { get; init; }

    public int? ResourceCount { get; init; }

    public int? PromptCount { get; init; }

    public IReadOnlyList<McpToolAccess> Tools { get; init; } = [];

    /// <summary>Tools whose predicted and observed verdicts differ.</summary>
    public int Disagreements => Tools.Count(t => t.Disagrees);

    public double TotalMilliseconds => Steps.Sum(s => s.Milliseconds);

    public IReadOnlyList<Check> Checks { get; init; } = [];

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The failure as the error a cmdlet writes beside the result; null when every stage passed.</summary>
    public Reporting.CommandFailureException? ToException() =>
        FailureClass is null ? null : new(ErrorId ?? "Mcp" + FailureClass, ErrorCategory ?? Reporting.FailureCategory.InvalidOperation, $"{FailedStep}: {Message}", Uri.AbsoluteUri, Fix);
}
