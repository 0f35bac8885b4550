using System.ComponentModel;
using System.Diagnostics;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Opens the system browser at a URL where one exists: Windows through the shell, macOS through open, other
/// Unix through xdg-open only in a graphical session (DISPLAY or WAYLAND_DISPLAY set), since on a server or
/// in a container xdg-open would start a text browser in the middle of the terminal.
/// </summary>
public static class BrowserLauncher
{
    /// <summary>True when a browser was started; the caller writes the URL either way.</summary>
    public static bool TryOpen(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            ProcessStartInfo start;
            if (OperatingSystem.IsWindows())
            {
                start = new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true };
            }
            else if (OperatingSystem.IsMacOS())
            {
                start = new ProcessStartInfo("open") { UseShellExecute = false };
                start.ArgumentList.Add(url.AbsoluteUri);
            }
            else
            {
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"))) return false;
                start = new ProcessStartInfo("xdg-open") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add(url.AbsoluteUri);
            }

            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
