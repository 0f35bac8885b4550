using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>A classified MCP failure: its class, the stage it stopped at, what happened, the fix, and the error's category and id.</summary>
public sealed record McpFailure(McpFailureClass Class, string Step, string Message, string Fix, FailureCategory Category)
{
    /// <summary>The 401/403 exchange, when the class is Auth (for the shared diagnosis).</summary>
    public McpExchange? Refusal { get; init; }

    /// <summary>The stable ErrorId of the ErrorRecord: one per class.</summary>
    public string ErrorId => "Mcp" + Class;

    public CommandFailureException ToException(Uri target) => new(ErrorId, Category, Message, target.AbsoluteUri, Fix);
}
