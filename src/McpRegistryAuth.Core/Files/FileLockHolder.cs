using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// Who holds a lock file: process id, host and since when, plus the process's own start time so a
/// reused process id is not mistaken for the holder. Written as JSON into the lock file.
/// </summary>
public sealed record FileLockHolder(int ProcessId, string Host, DateTimeOffset Since, DateTimeOffset? ProcessStarted)
{
    // This process's start time never changes; reading it from the system costs more than the rest of a lock.
    private static readonly Lazy<DateTimeOffset?> CurrentProcessStarted = new(() => StartTimeOf(Environment.ProcessId));

    public static FileLockHolder Current() => new(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow, CurrentProcessStarted.Value);

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["pid"] = ProcessId,
        ["host"] = Host,
        ["since"] = Since.ToString("O", CultureInfo.InvariantCulture),
        ["started"] = ProcessStarted?.ToString("O", CultureInfo.InvariantCulture),
    });

    /// <summary>Null when the text is not a holder record (a lock file being written, or another tool's).</summary>
    public static FileLockHolder? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var started = root.TryGetProperty("started", out var s) && s.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(s.GetString()!, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            return new FileLockHolder(
                root.GetProperty("pid").GetInt32(),
                root.GetProperty("host").GetString() ?? "",
                DateTimeOffset.Parse(root.GetProperty("since").GetString() ?? "", CultureInfo.InvariantCulture),
                started);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// True when the holder is known to be gone: it ran on this host and no process with its id (and
    /// start time) runs now. A holder on another host is never judged gone.
    /// </summary>
    public bool IsGone()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var started = StartTimeOf(ProcessId);
        if (started is null)
        {
            return !IsRunning(ProcessId);
        }

        return ProcessStarted is { } recorded && Math.Abs((recorded - started.Value).TotalSeconds) > 1;
    }

    public override string ToString() =>
        $"process {ProcessId} on {Host} since {Since.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}";

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static DateTimeOffset? StartTimeOf(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.StartTime.ToUniversalTime();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
