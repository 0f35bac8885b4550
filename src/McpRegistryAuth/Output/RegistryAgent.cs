namespace McpRegistryAuth.Output;

/// <summary>An A2A agent registered in the gateway.</summary>
public sealed class RegistryAgent
{
    public string Name { get; init; } = "";

    public string? Path { get; init; }

    public string? Url { get; init; }

    public bool? Enabled { get; init; }

    public string? Version { get; init; }

    public string? Description { get; init; }

    public string[] Tags { get; init; } = [];

    public int? SkillCount { get; init; }

    public string? RegistryUrl { get; init; }

    public override string ToString() => Path ?? Name;
}
