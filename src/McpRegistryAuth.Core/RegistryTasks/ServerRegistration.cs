using System.Collections;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>What Register-RegistryServer was given: the fields of the gateway's register form.</summary>
public sealed record ServerRegistration
{
    public required string Name { get; init; }

    public required string Path { get; init; }

    /// <summary>Where the gateway forwards MCP traffic for this server.</summary>
    public required string ProxyPassUrl { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public int? ToolCount { get; init; }

    public string? License { get; init; }

    public IReadOnlyList<string> Transports { get; init; } = [];

    public string? McpEndpoint { get; init; }

    public bool Overwrite { get; init; }

    /// <summary>Other form fields the gateway's release reads, sent as given.</summary>
    public IDictionary? AdditionalFields { get; init; }
}
