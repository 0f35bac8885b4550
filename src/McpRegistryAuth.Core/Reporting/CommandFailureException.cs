namespace McpRegistryAuth.Core.Reporting;

/// <summary>
/// A failure the core reports to a cmdlet as one error: a stable ErrorId, its category, the object it
/// concerns (a path, a parameter value; never a secret) and the fix. The message names the field, file
/// and line where they are known.
/// </summary>
public sealed class CommandFailureException : Exception
{
    public CommandFailureException(string errorId, FailureCategory category, string message, object? target = null, string? fix = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
        Fix = fix;
    }

    public string ErrorId { get; }

    public FailureCategory Category { get; }

    public object? Target { get; }

    /// <summary>What the user can do about it; PowerShell shows it as the error's recommended action.</summary>
    public string? Fix { get; }
}
