using System.Text;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// Reads input files with a limit counted in bytes actually read, not in the size the file reports:
/// /dev/zero and files under /proc report 0 and never end. Paths that are not regular files (FIFOs,
/// devices, sockets) are refused before they are opened, since opening a FIFO blocks until a writer
/// comes. Cancellation is checked between chunks, so Ctrl+C stops a long read.
/// </summary>
public static class BoundedFileReader
{
    public const long DefaultMaxBytes = 16 * 1024 * 1024;
    private const int ChunkSize = 64 * 1024;

    public static byte[] ReadAllBytes(string path, long maxBytes = DefaultMaxBytes, CancellationToken cancellation = default)
    {
        RequireRegularFile(path);
        try
        {
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
            using var collected = new MemoryStream();
            var chunk = new byte[ChunkSize];
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                var want = (int)Math.Min(chunk.Length, maxBytes + 1 - collected.Length);
                var read = stream.Read(chunk, 0, want);
                if (read == 0)
                {
                    return collected.ToArray();
                }

                collected.Write(chunk, 0, read);
                if (collected.Length > maxBytes)
                {
                    throw new FileContentException(path, "FileTooLarge", $"'{path}' holds more than {maxBytes} bytes; reading stopped there. Files larger than {maxBytes} bytes are refused.");
                }
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FileContentException(path, "FileUnreadable", $"'{path}' cannot be read: {ex.Message}", ex);
        }
        catch (IOException ex) when (ex is not FileContentException)
        {
            throw new FileContentException(path, "FileUnreadable", $"'{path}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Text as File.ReadAllText decodes it (BOM detection, UTF-8 otherwise), within the same limit.</summary>
    public static string ReadAllText(string path, long maxBytes = DefaultMaxBytes, CancellationToken cancellation = default)
    {
        var bytes = ReadAllBytes(path, maxBytes, cancellation);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Throws <see cref="FileContentException"/> unless the path (links followed) is a regular file.</summary>
    public static FileStatus RequireRegularFile(string path)
    {
        var status = FileStatus.Of(path);
        switch (status.Kind)
        {
            case FileKind.Regular:
                return status;
            case FileKind.Missing:
                var link = FileStatus.Of(path, followLinks: false);
                if (link.Kind == FileKind.SymbolicLink)
                {
                    throw new FileContentException(path, "SymbolicLinkDangling", $"'{path}' is a symbolic link to '{LinkTarget(path)}', which does not exist.");
                }

                throw new FileContentException(path, "FileNotFound", $"File not found: '{path}'.");
            case FileKind.Directory:
                throw new FileContentException(path, "FileIsDirectory", $"'{path}' is a directory, not a file.");
            default:
                throw new FileContentException(path, "FileNotRegular", $"'{path}' is {FileStatus.Describe(status.Kind)}, not a regular file; only regular files are read. Copy the content to a file and give its path.");
        }
    }

    private static string LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
