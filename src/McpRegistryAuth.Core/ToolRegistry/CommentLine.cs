namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>A line the server skips because its stripped text starts with '#'. Kept to explain near misses.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Text">The stripped text after the '#', which may be a commented-out token.</param>
public sealed record CommentLine(int Line, Secret Text);
