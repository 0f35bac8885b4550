namespace McpRegistryAuth.Core.Tokens;

/// <summary>A key set fetched or loaded, or why not. <see cref="Error"/> never holds a token.</summary>
public sealed record KeySetResult(KeySet? KeySet, string? Error, bool FromCache = false)
{
    public bool Succeeded => KeySet is not null;
}
