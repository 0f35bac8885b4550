namespace McpRegistryAuth.Core.ToolHive;

/// <summary>How a resource's claim labels are compared with the caller's claims.</summary>
public enum ClaimGateAccess
{
    /// <summary>Reads and registry gates: at least one value in common per key.</summary>
    Read,

    /// <summary>Writes that set claims (create, update, publish): the caller must hold every value.</summary>
    Write,
}
