namespace McpRegistryAuth.Core.Files;

/// <summary>A file could not be used as input. ErrorId is stable; the message never holds file content.</summary>
public sealed class FileContentException : IOException
{
    public FileContentException(string path, string errorId, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        ErrorId = errorId;
    }

    public string Path { get; }

    public string ErrorId { get; }

    public int? Line { get; init; }
}
