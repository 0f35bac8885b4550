namespace McpRegistryAuth.Core.Files;

/// <summary>A planned edit was refused before anything was written. ErrorId is stable.</summary>
public sealed class FileEditException : IOException
{
    public FileEditException(string path, string errorId, string message, int? line = null)
        : base(message)
    {
        Path = path;
        ErrorId = errorId;
        Line = line;
    }

    public string Path { get; }

    public string ErrorId { get; }

    public int? Line { get; }
}
