namespace McpRegistryAuth.HelpBuilder;

/// <summary>A help source file breaks the schema; the message names the file and line and what to write instead.</summary>
public sealed class HelpSourceException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    /// <summary>1-based line in the markdown file.</summary>
    public int Line { get; } = line;

    /// <summary>The problem without the file and line.</summary>
    public string Reason { get; } = message;
}
