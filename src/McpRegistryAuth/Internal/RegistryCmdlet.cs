using System.Management.Automation;
using McpRegistryAuth.Core;

namespace McpRegistryAuth.Internal;

/// <summary>
/// What every cmdlet of the module shares: one cancellation source per invocation (cancelled by
/// Ctrl+C through StopProcessing), ErrorRecords with stable ids, and Checks written to Verbose.
/// </summary>
public abstract class RegistryCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource cancellation = new();

    /// <summary>Cancelled when the user presses Ctrl+C; pass it to every network call.</summary>
    protected CancellationToken Cancellation => cancellation.Token;

    protected override void StopProcessing() => cancellation.Cancel();

    /// <summary>
    /// Writes a verbose line. Under -Debug without -Verbose, PowerShell turns every verbose line of a
    /// compiled cmdlet into a "Continue with this operation?" prompt (and a NonInteractive session
    /// into an error), so the line goes to the debug stream the user asked for instead.
    /// </summary>
    protected new void WriteVerbose(string text)
    {
        text = UrlUserInfo.Redact(text);
        if (DebugWithout("Verbose"))
        {
            base.WriteDebug("[verbose] " + text);
            return;
        }

        base.WriteVerbose(text);
    }

    /// <summary>
    /// Writes a warning. Under -Debug without -WarningAction, PowerShell prompts at every warning of a
    /// compiled cmdlet, so the warning goes to the debug stream instead; an explicit -WarningAction
    /// keeps it a warning.
    /// </summary>
    protected new void WriteWarning(string text)
    {
        text = UrlUserInfo.Redact(text);
        if (DebugWithout("WarningAction"))
        {
            base.WriteDebug("[warning] " + text);
            return;
        }

        base.WriteWarning(text);
    }

    private bool DebugWithout(string commonParameter)
    {
        var bound = MyInvocation.BoundParameters;
        return bound.TryGetValue("Debug", out var debug)
            && debug is SwitchParameter { IsPresent: true }
            && !bound.ContainsKey(commonParameter);
    }

    private protected void WriteChecks(IEnumerable<Check> checks)
    {
        foreach (var check in checks)
        {
            WriteVerbose(check.ToString());
        }
    }

    protected ErrorRecord NewError(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(exception, errorId, category, target is string text ? UrlUserInfo.Redact(text) : target);
        var message = UrlUserInfo.Redact(exception.Message);
        if (recommendedAction is not null || message != exception.Message)
        {
            // The shown message hides URL user-info; the exception's own text cannot be changed.
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        }

        return record;
    }

    /// <summary>Resolves a user path against the current PowerShell location, not the process directory.</summary>
    protected string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    public void Dispose()
    {
        cancellation.Dispose();
        GC.SuppressFinalize(this);
    }
}
