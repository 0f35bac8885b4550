using System.Collections.Concurrent;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Lines an asynchronous operation produces on thread-pool threads (narration, HTTP and MSAL logs, and what
/// the user must do: a device code to enter, a URL to open), kept until the caller can write them from its
/// own thread: PowerShell refuses stream writes from any other.
/// </summary>
public sealed class OperationLog
{
    private enum Kind { Verbose, Debug, Warning }

    private readonly ConcurrentQueue<(Kind Kind, string Text)> lines = new();
    private readonly SemaphoreSlim queued = new(0);

    public void Verbose(string text) => Add(Kind.Verbose, text);

    public void Debug(string text) => Add(Kind.Debug, text);

    /// <summary>Something the user must see while the operation waits for them (written as a warning).</summary>
    public void Warning(string text) => Add(Kind.Warning, text);

    /// <summary>Blocks until a line is queued or <paramref name="wait"/> passes; true when a line may be waiting.</summary>
    public bool WaitForLine(TimeSpan wait) => queued.Wait(wait);

    /// <summary>Hands every queued line, in order, to the writer for its stream; warnings go to the verbose writer.</summary>
    public void Drain(Action<string> verbose, Action<string> debug) => Drain(verbose, debug, verbose);

    /// <summary>Hands every queued line, in order, to the writer for its stream.</summary>
    public void Drain(Action<string> verbose, Action<string> debug, Action<string> warning)
    {
        ArgumentNullException.ThrowIfNull(verbose);
        ArgumentNullException.ThrowIfNull(debug);
        ArgumentNullException.ThrowIfNull(warning);
        while (lines.TryDequeue(out var line))
        {
            (line.Kind switch { Kind.Debug => debug, Kind.Warning => warning, _ => verbose })(line.Text);
        }
    }

    private void Add(Kind kind, string text)
    {
        lines.Enqueue((kind, text));
        queued.Release();
    }
}
