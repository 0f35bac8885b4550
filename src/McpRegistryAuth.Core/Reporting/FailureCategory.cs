namespace McpRegistryAuth.Core.Reporting;

/// <summary>
/// Why a command could not go on, in the words PowerShell users filter errors on: each name is also a
/// name of PowerShell's ErrorCategory, to which the cmdlets map it by name (a surface test keeps the two in step).
/// </summary>
public enum FailureCategory
{
    InvalidArgument,

    InvalidData,

    ObjectNotFound,

    PermissionDenied,

    ResourceExists,

    WriteError,

    NotImplemented,

    ResourceBusy,

    InvalidOperation,

    LimitsExceeded,

    OperationStopped,

    OperationTimeout,

    ConnectionError,

    AuthenticationError,

    SecurityError,

    /// <summary>A server that answers, but not in the protocol the client speaks (MCP's Protocol failure class).</summary>
    ProtocolError,

    /// <summary>An operation that ran and answered with an error (an MCP tool's isError).</summary>
    InvalidResult,
}
