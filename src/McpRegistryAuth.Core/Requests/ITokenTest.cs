namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// One server family's token test: a request in, the server's verdicts out. Each family (Gateway,
/// ToolHive, ToolRegistry) implements it over the settings it was built from.
/// </summary>
public interface ITokenTest
{
    /// <summary>
    /// The server's verdicts for one request: one, or several where the answer depends on something not
    /// given (toolregistry-server's FastAPI version).
    /// </summary>
    /// <exception cref="Reporting.CommandFailureException">The request cannot be sent as given (a token that cannot go in a header).</exception>
    Task<IReadOnlyList<Verdict>> EvaluateAsync(TokenTestRequest request, CancellationToken cancellationToken);

    /// <summary>The checks of a verdict worth reporting per request (the gateway's startup checks are reported once, at set-up).</summary>
    IEnumerable<Check> ChecksToReport(Verdict verdict);
}
