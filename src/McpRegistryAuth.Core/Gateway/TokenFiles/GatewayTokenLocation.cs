namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>The token a gateway tool would send, where it was found, and every source tried on the way, in order.</summary>
public sealed record GatewayTokenLocation
{
    public required Secret Token { get; init; }

    public required GatewayTool Tool { get; init; }

    /// <summary>The variable's name or the file's full path.</summary>
    public required string Source { get; init; }

    /// <summary>The file's expires_at; null for a variable or a file without one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public string? Provider { get; init; }

    public required IReadOnlyList<Check> Checks { get; init; }
}
