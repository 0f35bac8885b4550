namespace McpRegistryAuth.Output;

/// <summary>A gateway server group and its member servers.</summary>
public sealed class RegistryGroup
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public string[] Servers { get; init; } = [];

    public string? RegistryUrl { get; init; }

    public override string ToString() => Name;
}
