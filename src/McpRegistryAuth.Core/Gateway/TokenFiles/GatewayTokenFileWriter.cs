using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>
/// Writes a token file into an <c>.oauth-tokens</c> folder as the gateway's scripts do: the folder made
/// with mode 0700 when missing, the file 0600, UTF-8 without BOM, all at once (temp file + rename). An
/// existing file is replaced only when asked; otherwise the write fails and the file stays as it was.
/// </summary>
public static class GatewayTokenFileWriter
{
    /// <summary>Writes the text; returns the notes of the atomic write (a mode made stricter).</summary>
    /// <exception cref="CommandFailureException">GatewayTokenFileExists: the file exists and <paramref name="overwrite"/> is false.</exception>
    public static IReadOnlyList<string> Write(string path, string text, bool overwrite)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (!overwrite && File.Exists(fullPath)) throw Exists(fullPath);
        var staged = AtomicFileWriter.Stage(fullPath, AtomicFileWriter.Utf8NoBom.GetBytes(text), FileStatus.Of(fullPath));
        try
        {
            staged.Commit(exclusive: !overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(fullPath))
        {
            staged.Discard();
            throw Exists(fullPath);
        }
        catch
        {
            staged.Discard();
            throw;
        }

        return staged.Notes;
    }

    private static CommandFailureException Exists(string path) => new("GatewayTokenFileExists", FailureCategory.ResourceExists,
        $"'{path}' exists; it is not replaced without -Force (the gateway's scripts and token refresher read it).", path,
        "Add -Force to replace it, or -Path to write elsewhere.");
}
