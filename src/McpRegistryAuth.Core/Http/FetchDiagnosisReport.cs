namespace McpRegistryAuth.Core.Http;

/// <summary>
/// The steps of one diagnosed fetch, in order, up to and including the first that failed; each later step follows
/// as a failed check observed "not evaluated".
/// </summary>
public sealed record FetchDiagnosisReport
{
    public required Uri Url { get; init; }

    public required FetchDocumentKind Kind { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = Array.Empty<Check>();

    /// <summary>The steps that were not run because an earlier one failed (stable check names).</summary>
    public IReadOnlyList<string> NotEvaluated { get; init; } = Array.Empty<string>();

    /// <summary>The name of the step that stopped the fetch; null when every step passed.</summary>
    public string? FailedStep { get; init; }

    public bool Succeeded => FailedStep is null;

    /// <summary>What to change, from the step that failed; null when none failed or no fix is known.</summary>
    public string? Fix { get; init; }

    /// <summary>For a discovery document that passed: the jwks_uri it names.</summary>
    public string? JwksUri { get; init; }
}
