namespace McpRegistryAuth.HelpBuilder;

/// <summary>One cmdlet's help as read from its docs/&lt;Cmdlet&gt;.md page.</summary>
public sealed record CommandHelp
{
    public required string Name { get; init; }

    public required string Synopsis { get; init; }

    public required IReadOnlyList<string> Description { get; init; }

    /// <summary>Parameter sets in the order of the SYNTAX section.</summary>
    public required IReadOnlyList<SyntaxSet> Syntax { get; init; }

    public required IReadOnlyList<ParameterHelp> Parameters { get; init; }

    public required IReadOnlyList<ExampleHelp> Examples { get; init; }

    public required IReadOnlyList<TypeEntry> Inputs { get; init; }

    public required IReadOnlyList<TypeEntry> Outputs { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public required IReadOnlyList<RelatedLink> RelatedLinks { get; init; }

    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Contains('-') ? Name.Split('-', 2)[1] : "";
}
