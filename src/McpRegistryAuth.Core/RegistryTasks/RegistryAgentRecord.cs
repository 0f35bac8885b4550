using System.Text.Json;
using McpRegistryAuth.Core.Payloads;

namespace McpRegistryAuth.Core.RegistryTasks;

/// <summary>An A2A agent as the gateway lists it (GET /api/agents[/{path}]).</summary>
public sealed record RegistryAgentRecord
{
    public required string Name { get; init; }

    public string? Path { get; init; }

    /// <summary>The agent's own URL, where its card and endpoint are.</summary>
    public string? Url { get; init; }

    public string? Description { get; init; }

    public bool? Enabled { get; init; }

    public string? Version { get; init; }

    public string[] Tags { get; init; } = [];

    public int? SkillCount { get; init; }

    /// <summary>An agent record as the registry answered it.</summary>
    public static RegistryAgentRecord From(JsonPayload agent) => From(agent.Element);

    internal static RegistryAgentRecord From(JsonElement agent)
    {
        if (agent.ValueKind == JsonValueKind.Object && agent.TryGetProperty("agent", out var inner) && inner.ValueKind == JsonValueKind.Object)
        {
            agent = inner;
        }

        var path = JsonFields.Text(agent, "path");
        return new RegistryAgentRecord
        {
            Name = JsonFields.Text(agent, "name", "agent_name", "display_name") ?? path?.Trim('/') ?? "",
            Path = path,
            Url = JsonFields.Text(agent, "url", "agent_url"),
            Description = JsonFields.Text(agent, "description"),
            Enabled = JsonFields.Flag(agent, "is_enabled", "enabled"),
            Version = JsonFields.Text(agent, "version"),
            Tags = JsonFields.List(agent, "tags"),
            SkillCount = JsonFields.Number(agent, "num_skills", "skills"),
        };
    }
}
