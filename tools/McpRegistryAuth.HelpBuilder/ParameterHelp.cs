namespace McpRegistryAuth.HelpBuilder;

/// <summary>One parameter from the PARAMETERS section: its description and its yaml metadata block.</summary>
public sealed record ParameterHelp
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Description { get; init; }

    /// <summary>Full .NET type name as PlatyPS writes it, e.g. <c>System.Management.Automation.SwitchParameter</c>.</summary>
    public required string Type { get; init; }

    public string DefaultValue { get; init; } = "";

    public bool SupportsWildcards { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> AcceptedValues { get; init; } = [];

    public required IReadOnlyList<ParameterSetMembership> ParameterSets { get; init; }

    public bool IsSwitch => Type is "System.Management.Automation.SwitchParameter" or "SwitchParameter";

    /// <summary>The type name Get-Help shows: the last segment of the full name.</summary>
    public string ShortType => Type.Contains('.') ? Type[(Type.LastIndexOf('.') + 1)..] : Type;

    public ParameterSetMembership? In(string setName) =>
        ParameterSets.FirstOrDefault(s => s.Name == setName) ?? ParameterSets.FirstOrDefault(s => s.Name == ParameterSetMembership.All);
}
