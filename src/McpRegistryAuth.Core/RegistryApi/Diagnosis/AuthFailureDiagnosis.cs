namespace McpRegistryAuth.Core.RegistryApi.Diagnosis;

/// <summary>The likely cause of a 401 or 403 with its code (DGN), the fix, and every check made to find it.</summary>
public sealed record AuthFailureDiagnosis
{
    public required string Code { get; init; }

    public required string Cause { get; init; }

    public required string Fix { get; init; }

    /// <summary>What the server said, in one line (never a token).</summary>
    public string? ServerMessage { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = [];

    /// <summary>Notes beside the cause (DGN013: the double Content-Type).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
}
