using System.Management.Automation;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Internal;

/// <summary>
/// What every cmdlet of the module shares, so each writes the same way: one cancellation source per
/// invocation (Ctrl+C), checks and narration to Verbose, findings by one policy, errors with stable ids
/// from the core's failures, -ScopesPath loading and token input. Helpers that take core types are
/// private protected: no core type may appear in this assembly's public or protected surface
/// (CONTRIBUTING.md, "The load-order rule").
/// </summary>
public abstract class RegistryCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly HashSet<TokenInput> tokensRead = new();
    private CmdletReport? report;
    private string? scopesPath;
    private ScopeDefinitions? scopes;

    /// <summary>Cancelled when the user presses Ctrl+C; pass it to every network call.</summary>
    protected CancellationToken Cancellation => cancellation.Token;

    /// <summary>The core's view of this cmdlet's streams (<see cref="IReportWriter"/>), for set-up code in the core.</summary>
    private protected IReportWriter Report => report ??= new CmdletReport(this);

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

    /// <summary>One Verbose line per check.</summary>
    private protected void WriteChecks(IEnumerable<Check> checks)
    {
        foreach (var check in checks)
        {
            WriteVerbose(check.ToString());
        }
    }

    /// <summary>
    /// Findings that accompany a result, by one policy for every cmdlet: Info explains (Verbose);
    /// Warning and Error need the user's attention (warnings).
    /// </summary>
    private protected void WriteFindings(IEnumerable<Finding> findings)
    {
        foreach (var finding in findings)
        {
            if (finding.Severity == FindingSeverity.Info)
            {
                WriteVerbose(finding.ToString());
            }
            else
            {
                WriteWarning(finding.ToString());
            }
        }
    }

    /// <summary>
    /// ShouldProcess for a change; -Force answers yes without asking, even under -Confirm or
    /// $ConfirmPreference, while -WhatIf still only describes the change.
    /// </summary>
    private protected bool ShouldProcessUnlessForced(bool force, string target, string action) =>
        (force && !MyInvocation.BoundParameters.ContainsKey("WhatIf")) || ShouldProcess(target, action);

    /// <summary>Runs core code that may refuse; a refusal the core describes stops the command with its ErrorRecord.</summary>
    private protected T RunOrStop<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (IsDescribedFailure(ex))
        {
            ThrowTerminatingError(ToErrorRecord(ex));
            throw; // ThrowTerminatingError never returns.
        }
    }

    /// <summary>
    /// Runs an asynchronous core operation and, while it runs, writes the lines it queues (verbose, debug,
    /// and warnings the user must act on, such as a device code) here on the pipeline thread, as they come:
    /// PowerShell refuses writes from the thread-pool threads the operation runs on. Ctrl+C cancels it.
    /// </summary>
    private protected T RunAsyncOrStop<T>(Func<OperationLog, CancellationToken, Task<T>> operation)
    {
        var log = new OperationLog();
        var task = operation(log, Cancellation);
        while (!task.IsCompleted && !Stopping)
        {
            log.WaitForLine(TimeSpan.FromMilliseconds(250));
            if (!Stopping) log.Drain(WriteVerbose, WriteDebug, WriteWarning);
        }

        if (Stopping) throw new PipelineStoppedException();
        log.Drain(WriteVerbose, WriteDebug, WriteWarning);
        return RunOrStop(() => task.GetAwaiter().GetResult());
    }

    /// <summary>Runs core code for one input; a refusal the core describes is written as a non-terminating error.</summary>
    private protected bool RunOrWriteError(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception ex) when (IsDescribedFailure(ex))
        {
            WriteError(ToErrorRecord(ex));
            return false;
        }
    }

    /// <summary>Loads -ScopesPath (resolved against the PowerShell location), reporting findings; stops when nothing can be read.</summary>
    private protected ScopeDefinitions LoadScopes(string scopesPath)
    {
        var loaded = RunOrStop(() => ScopesPathLoader.Load(ResolvePath(scopesPath), Report));
        (this.scopesPath, scopes) = (scopesPath, loaded);
        return loaded;
    }

    /// <summary>
    /// -ScopesPath for the current input: loaded once per distinct path, so scope files piped by property
    /// name (FullName, PSPath) load one by one. A piped file that cannot be read is a non-terminating error
    /// for its inputs (null); load a path given on the command line with <see cref="LoadScopes"/> first, so
    /// that one stops the command.
    /// </summary>
    private protected ScopeDefinitions? ScopesFor(string scopesPath)
    {
        if (scopesPath != this.scopesPath)
        {
            (this.scopesPath, scopes) = (scopesPath, null);
            RunOrWriteError(() => scopes = ScopesPathLoader.Load(ResolvePath(scopesPath), Report));
        }

        return scopes;
    }

    /// <summary>
    /// True when the piped object is a file or folder (Get-ChildItem): on Unix its Group property, the
    /// owner's group, binds to a -Group parameter by name, and it is no gateway group.
    /// </summary>
    private protected static bool IsFileSystemItem(PSObject? input) => input?.BaseObject is FileSystemInfo;

    /// <summary>
    /// The caller's token from -Token (a <see cref="TokenInput"/> bound through
    /// <see cref="TokenInputTransformationAttribute"/>: a SecureString, text of any length, or an object's
    /// Token or AccessToken property) or -TokenFile (read as the gateway CLI reads --token-file, with the
    /// checks it made). Null token when neither was given. The cmdlet disposes the token input when it is
    /// done (its pinned copy of a long token is zeroed).
    /// </summary>
    /// <exception cref="FileContentException">The token file cannot be read.</exception>
    private protected (Secret? Token, IReadOnlyList<Check> Checks) ReadToken(TokenInput? token, string? tokenFile = null)
    {
        if (tokenFile is not null)
        {
            var read = GatewayCliTokenFile.Read(ResolvePath(tokenFile));
            return (read.Token, read.Checks);
        }

        if (token is null)
        {
            return (null, []);
        }

        tokensRead.Add(token);
        return (token.ToSecret(), []);
    }

    /// <summary>An ErrorRecord for a failure found in the cmdlet itself (a parameter the core never sees).</summary>
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
        foreach (var token in tokensRead)
        {
            token.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    // Out of memory too: its ErrorRecord names the inputs and limits instead of System.OutOfMemoryException.
    private static bool IsDescribedFailure(Exception ex) =>
        ex is CommandFailureException or FileContentException or FileEditException or OutOfMemoryException;

    /// <summary>
    /// Running out of memory, said as the user can act on it: which of the command's inputs it was working
    /// on (every bound file or path parameter), how much memory the process may use, and the module's own
    /// read limits. The memory the failed step held is garbage by now, so this record can still be made.
    /// </summary>
    private ErrorRecord OutOfMemory(OutOfMemoryException ex)
    {
        var inputs = MyInvocation.BoundParameters
            .Where(p => p.Key.EndsWith("Path", StringComparison.Ordinal) || p.Key.EndsWith("File", StringComparison.Ordinal))
            .SelectMany(p => p.Value switch
            {
                string one => [$"-{p.Key} '{one}'"],
                string[] many => many.Select(one => $"-{p.Key} '{one}'"),
                _ => [],
            })
            .ToList();
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        var working = inputs.Count == 0 ? "its input" : string.Join(", ", inputs);
        var message = $"{MyInvocation.MyCommand.Name} ran out of memory while working on {working}: this process may use at most {available} MB, "
            + $"and input files are read up to {BoundedFileReader.DefaultMaxBytes / (1024 * 1024)} MB ({Core.Gateway.Scopes.McpScopesLoader.MaxFileBytes / (1024 * 1024)} MB for scope definitions).";
        return NewError(new InsufficientMemoryException(message, ex), "OutOfMemory", ErrorCategory.LimitsExceeded, inputs.Count == 0 ? null : string.Join(", ", inputs),
            "Give a smaller input (split the file), or run where the process may use more memory (a larger container limit or DOTNET_GCHeapHardLimit).");
    }

    /// <summary>The one mapping from the core's failures to ErrorRecords: stable ErrorId, category, target and fix.</summary>
    private ErrorRecord ToErrorRecord(Exception ex) => ex switch
    {
        CommandFailureException failure => NewError(failure, failure.ErrorId, ToCategory(failure.Category), failure.Target, failure.Fix),
        FileContentException content => NewError(content, content.ErrorId, ToCategory(FileErrorCategories.Of(content.ErrorId)), content.Path),
        FileEditException edit => NewError(edit, edit.ErrorId, ToCategory(FileErrorCategories.Of(edit.ErrorId)), edit.Path),
        OutOfMemoryException outOfMemory => OutOfMemory(outOfMemory),
        _ => NewError(ex, ex.GetType().Name, ErrorCategory.NotSpecified, null),
    };

    // The core's categories carry PowerShell's names (a surface test checks each one exists).
    private static ErrorCategory ToCategory(FailureCategory category) => Enum.Parse<ErrorCategory>(category.ToString());

    private bool DebugWithout(string commonParameter)
    {
        var bound = MyInvocation.BoundParameters;
        return bound.TryGetValue("Debug", out var debug)
            && debug is SwitchParameter { IsPresent: true }
            && !bound.ContainsKey(commonParameter);
    }

    /// <summary>The core's report lines, routed through the cmdlet's own write policy.</summary>
    private sealed class CmdletReport(RegistryCmdlet cmdlet) : IReportWriter
    {
        public void Verbose(string text) => cmdlet.WriteVerbose(text);

        public void Warning(string text) => cmdlet.WriteWarning(text);

        public void Finding(Finding finding) => cmdlet.WriteFindings([finding]);

        public void Check(Check check) => cmdlet.WriteVerbose(check.ToString());
    }
}
