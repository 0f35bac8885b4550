namespace McpRegistryAuth.Core;

/// <summary>How much a finding matters: an Error stops the server or the request.</summary>
public enum FindingSeverity
{
    Info,
    Warning,
    Error,
}
