using System.Collections.Concurrent;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Lines an asynchronous operation produces on thread-pool threads (narration, HTTP and MSAL logs), kept until
/// the caller can write them from its own thread: PowerShell refuses stream writes from any other.
/// </summary>
public sealed class OperationLog
{
    private readonly ConcurrentQueue<(bool IsDebug, string Text)> lines = new();

    public void Verbose(string text) => lines.Enqueue((false, text));

    public void Debug(string text) => lines.Enqueue((true, text));

    /// <summary>Hands every queued line, in order, to the writer for its stream.</summary>
    public void Drain(Action<string> verbose, Action<string> debug)
    {
        ArgumentNullException.ThrowIfNull(verbose);
        ArgumentNullException.ThrowIfNull(debug);
        while (lines.TryDequeue(out var line))
        {
            (line.IsDebug ? debug : verbose)(line.Text);
        }
    }
}
