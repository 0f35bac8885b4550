namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// REGISTRY_API_KEYS as the gateway reads it at startup. When Error is set the server logs
/// "Failed to parse REGISTRY_API_KEYS: ..." and disables static-token auth entirely.
/// </summary>
public sealed record RegistryApiKeysParseResult(IReadOnlyList<StaticKeyEntry> Entries, string? Error, bool Repaired)
{
    public bool IsValid => Error is null;
}
