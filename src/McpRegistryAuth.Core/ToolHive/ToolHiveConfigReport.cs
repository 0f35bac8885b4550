namespace McpRegistryAuth.Core.ToolHive;

/// <summary>
/// Everything learned from one ToolHive configuration: the auth section as the server decodes it
/// (null when it could not be decoded or is absent), every finding (errors in the server's order
/// first), the error the server itself would print, and a narration of the load for -Verbose.
/// </summary>
public sealed record ToolHiveConfigReport
{
    public ToolHiveAuthConfig? Config { get; init; }

    public IReadOnlyList<Finding> Findings { get; init; } = [];

    /// <summary>The one error the server prints before exiting (it stops at the first); null when it would start.</summary>
    public Finding? FirstError { get; init; }

    public IReadOnlyList<string> Narration { get; init; } = [];

    public bool ServerWouldStart => FirstError is null;
}
