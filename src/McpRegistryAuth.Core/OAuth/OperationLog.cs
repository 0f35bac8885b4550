using System.Collections.Concurrent;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Lines an asynchronous operation produces on thread-pool threads (narration, HTTP and MSAL logs), kept until
/// the caller can write them from its own thread: PowerShell refuses stream writes from any other.
/// </summary>
public sealed class OperationLog
{
    private readonly ConcurrentQueue<(Stream Stream, string Text)> lines = new();

    private enum Stream
    {
        Verbose,
        Debug,
        Warning,
    }

    public void Verbose(string text) => lines.Enqueue((Stream.Verbose, text));

    public void Debug(string text) => lines.Enqueue((Stream.Debug, text));

    /// <summary>A line that needs the user's attention (written as a warning by <see cref="Drain(Action{string}, Action{string}, Action{string})"/>).</summary>
    public void Warning(string text) => lines.Enqueue((Stream.Warning, text));

    /// <summary>Hands every queued line, in order, to the writer for its stream.</summary>
    public void Drain(Action<string> verbose, Action<string> debug) => Drain(verbose, debug, verbose);

    /// <summary>Hands every queued line, in order, to the writer for its stream, warnings included.</summary>
    public void Drain(Action<string> verbose, Action<string> debug, Action<string> warning)
    {
        ArgumentNullException.ThrowIfNull(verbose);
        ArgumentNullException.ThrowIfNull(debug);
        ArgumentNullException.ThrowIfNull(warning);
        while (lines.TryDequeue(out var line))
        {
            (line.Stream switch { Stream.Debug => debug, Stream.Warning => warning, _ => verbose })(line.Text);
        }
    }
}
