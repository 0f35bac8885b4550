namespace McpRegistryAuth.Output;

/// <summary>
/// A registered MCP server. Name, Path and Url (the MCP URL a client connects to, as the gateway builds it)
/// bind by property name to the other server and group cmdlets and to Export-McpClientConfig.
/// </summary>
public sealed class RegistryServer
{
    public string Name { get; init; } = "";

    public string? Path { get; init; }

    public string? Url { get; init; }

    public bool? Enabled { get; init; }

    public string? Description { get; init; }

    public string? ProxyPassUrl { get; init; }

    public string[] Tags { get; init; } = [];

    public int? ToolCount { get; init; }

    public string? Version { get; init; }

    /// <summary>The version read, sent back in If-Match by Set-RegistryServer.</summary>
    public string? ETag { get; init; }

    /// <summary>The registry this record was read from; binds -RegistryUrl when piped.</summary>
    public string? RegistryUrl { get; init; }

    public override string ToString() => Path ?? Name;
}
