namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>One client's file to write: which client, where, the servers and how the token is carried.</summary>
public sealed record ClientConfigRequest
{
    public required McpClient Client { get; init; }

    /// <summary>The scope asked for (null: the client's default).</summary>
    public ConfigScope? Scope { get; init; }

    /// <summary>An explicit file instead of the scope's.</summary>
    public string? Path { get; init; }

    public required IReadOnlyList<ResolvedServer> Servers { get; init; }

    public required ClientCredential Credential { get; init; }

    /// <summary>Replace entries of the same name.</summary>
    public bool Force { get; init; }

    public required ClientConfigContext Context { get; init; }
}
