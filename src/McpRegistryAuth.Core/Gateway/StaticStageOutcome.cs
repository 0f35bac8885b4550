namespace McpRegistryAuth.Core.Gateway;

/// <summary>What a static-token stage of /validate decided: accept, answer with an error, or pass the request on.</summary>
public sealed record StaticStageOutcome(IReadOnlyList<Check> Checks, StaticKeyEntry? AcceptedEntry = null, int? RejectStatus = null, string? RejectDetail = null)
{
    public bool Accepted => AcceptedEntry is not null;

    public bool Rejected => RejectStatus is not null;
}
