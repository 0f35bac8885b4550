using System.Text.RegularExpressions;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace McpRegistryAuth.HelpBuilder;

/// <summary>
/// Reads one cmdlet page in the Microsoft.PowerShell.PlatyPS 1.x schema (PlatyPS schema version
/// 2024-05-01) and checks what Get-Help needs: every section, every parameter described with its yaml
/// metadata, at least two examples with code and output.
/// </summary>
public static partial class CommandHelpReader
{
    public const string SchemaVersion = "2024-05-01";

    private const string DefaultMarker = " (Default)";

    public static CommandHelp Read(string file, string markdown) => Read(MarkdownPage.Parse(file, markdown));

    public static CommandHelp Read(MarkdownPage page)
    {
        var file = page.File;
        Require(page, "document type", "cmdlet");
        Require(page, "PlatyPS schema version", SchemaVersion);
        if (!page.FrontMatter.TryGetValue("title", out var title) || title != page.Title)
        {
            throw new HelpSourceException(file, page.TitleLine, $"Front matter 'title' must equal the heading '{page.Title}'.");
        }

        var synopsis = string.Join(" ", InlineText.Paragraphs(page.RequiredSection("SYNOPSIS").Blocks));
        if (synopsis.Length == 0) throw new HelpSourceException(file, page.RequiredSection("SYNOPSIS").Line, "SYNOPSIS is empty.");

        var syntax = ReadSyntax(page);
        var parameters = ReadParameters(page, syntax);
        var description = InlineText.Paragraphs(page.RequiredSection("DESCRIPTION").Blocks);
        if (description.Count == 0) throw new HelpSourceException(file, page.RequiredSection("DESCRIPTION").Line, "DESCRIPTION is empty.");

        return new CommandHelp
        {
            Name = page.Title,
            Synopsis = synopsis,
            Description = description,
            Syntax = syntax,
            Parameters = parameters,
            Examples = ReadExamples(page),
            Inputs = ReadTypes(page, "INPUTS"),
            Outputs = ReadTypes(page, "OUTPUTS"),
            Notes = InlineText.Paragraphs(page.Section("NOTES")?.Blocks ?? []),
            RelatedLinks = ReadLinks(page),
        };
    }

    private static void Require(MarkdownPage page, string key, string value)
    {
        if (!page.FrontMatter.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
        {
            throw new HelpSourceException(page.File, 1, $"Front matter needs '{key}: {value}'.");
        }
    }

    private static IReadOnlyList<SyntaxSet> ReadSyntax(MarkdownPage page)
    {
        var section = page.RequiredSection("SYNTAX");
        var sets = new List<SyntaxSet>();
        foreach (var sub in section.Subsections)
        {
            var code = sub.Blocks.OfType<FencedCodeBlock>().FirstOrDefault()
                ?? throw new HelpSourceException(page.File, sub.Line, $"Syntax set '{sub.Title}' has no fenced syntax block.");
            var isDefault = sub.Title.EndsWith(DefaultMarker, StringComparison.Ordinal);
            var name = isDefault ? sub.Title[..^DefaultMarker.Length] : sub.Title;
            var text = InlineText.CodeOf(code);
            if (!text.StartsWith(page.Title, StringComparison.Ordinal))
            {
                throw new HelpSourceException(page.File, code.Line + 1, $"Syntax of set '{name}' must start with '{page.Title}'.");
            }

            sets.Add(new SyntaxSet(name, isDefault, text));
        }

        if (sets.Count == 0) throw new HelpSourceException(page.File, section.Line, "SYNTAX needs one '### SetName' per parameter set.");
        if (sets.Count > 1 && sets.Count(s => s.IsDefault) != 1)
        {
            throw new HelpSourceException(page.File, section.Line, "With several parameter sets exactly one heading ends with ' (Default)'.");
        }

        return sets;
    }

    private static IReadOnlyList<ParameterHelp> ReadParameters(MarkdownPage page, IReadOnlyList<SyntaxSet> syntax)
    {
        var section = page.RequiredSection("PARAMETERS");
        var parameters = new List<ParameterHelp>();
        foreach (var sub in section.Subsections)
        {
            if (sub.Title == "CommonParameters") continue;
            if (!sub.Title.StartsWith('-'))
            {
                throw new HelpSourceException(page.File, sub.Line, $"Parameter heading '{sub.Title}' must be '### -Name'.");
            }

            var name = sub.Title[1..];
            var yamlBlock = sub.CodeBlocks("yaml").FirstOrDefault()
                ?? throw new HelpSourceException(page.File, sub.Line, $"Parameter -{name} has no ```yaml metadata block.");
            var description = InlineText.Paragraphs(sub.Blocks.Where(b => b != yamlBlock));
            if (description.Count == 0) throw new HelpSourceException(page.File, sub.Line, $"Parameter -{name} has no description.");
            parameters.Add(ReadParameter(page.File, name, description, yamlBlock, syntax));
        }

        var duplicate = parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new HelpSourceException(page.File, section.Line, $"Parameter -{duplicate.Key} is described twice.");
        if (section.Subsections.All(s => s.Title != "CommonParameters"))
        {
            throw new HelpSourceException(page.File, section.Line, "PARAMETERS needs a '### CommonParameters' subsection.");
        }

        CheckSyntaxMentions(page, syntax, parameters);
        return parameters;
    }

    private static ParameterHelp ReadParameter(string file, string name, IReadOnlyList<string> description, FencedCodeBlock yamlBlock, IReadOnlyList<SyntaxSet> syntax)
    {
        var yamlLine = yamlBlock.Line + 2;
        Dictionary<string, object?> map;
        try
        {
            map = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(InlineText.CodeOf(yamlBlock)) ?? [];
        }
        catch (YamlException e)
        {
            throw new HelpSourceException(file, yamlLine + (int)e.Start.Line - 1, $"Metadata of -{name} is not valid yaml: {e.Message}");
        }

        string Text(string key, bool required = false)
        {
            if (map.TryGetValue(key, out var value) && value is string s) return s;
            if (required) throw new HelpSourceException(file, yamlLine, $"Metadata of -{name} needs '{key}'.");
            return "";
        }

        IReadOnlyList<string> List(string key) => map.TryGetValue(key, out var value) && value is List<object> items
            ? items.Select(i => i.ToString() ?? "").ToArray()
            : [];

        var sets = new List<ParameterSetMembership>();
        if (!map.TryGetValue("ParameterSets", out var rawSets) || rawSets is not List<object> setList || setList.Count == 0)
        {
            throw new HelpSourceException(file, yamlLine, $"Metadata of -{name} needs a 'ParameterSets' list.");
        }

        foreach (var item in setList)
        {
            if (item is not Dictionary<object, object> set) throw new HelpSourceException(file, yamlLine, $"ParameterSets of -{name} must be a list of maps.");
            string Field(string key) => set.TryGetValue(key, out var v) ? v?.ToString() ?? "" : throw new HelpSourceException(file, yamlLine, $"A ParameterSets entry of -{name} needs '{key}'.");
            bool Flag(string key) => bool.TryParse(Field(key), out var b) ? b : throw new HelpSourceException(file, yamlLine, $"'{key}' of -{name} must be true or false.");
            var setName = Field("Name");
            if (setName != ParameterSetMembership.All && syntax.All(s => s.Name != setName))
            {
                throw new HelpSourceException(file, yamlLine, $"-{name} names parameter set '{setName}', which SYNTAX does not have.");
            }

            var position = Field("Position");
            if (!string.Equals(position, "Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(position, out _))
            {
                throw new HelpSourceException(file, yamlLine, $"Position of -{name} must be 'Named' or a number.");
            }

            sets.Add(new ParameterSetMembership(setName, position, Flag("IsRequired"), Flag("ValueFromPipeline"),
                Flag("ValueFromPipelineByPropertyName"), Flag("ValueFromRemainingArguments")));
        }

        return new ParameterHelp
        {
            Name = name,
            Description = description,
            Type = Text("Type", required: true),
            DefaultValue = Text("DefaultValue"),
            SupportsWildcards = bool.TryParse(Text("SupportsWildcards"), out var wildcards) && wildcards,
            Aliases = List("Aliases"),
            AcceptedValues = List("AcceptedValues"),
            ParameterSets = sets,
        };
    }

    /// <summary>Each -Name in a syntax block must be a parameter documented for that set, and the reverse.</summary>
    private static void CheckSyntaxMentions(MarkdownPage page, IReadOnlyList<SyntaxSet> syntax, IReadOnlyList<ParameterHelp> parameters)
    {
        var line = page.RequiredSection("SYNTAX").Line;
        foreach (var set in syntax)
        {
            var mentioned = ParameterMention().Matches(set.SyntaxText).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var documented = parameters.Where(p => p.In(set.Name) is not null).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var undocumented = mentioned.Except(documented).OrderBy(n => n, StringComparer.Ordinal).FirstOrDefault();
            if (undocumented is not null) throw new HelpSourceException(page.File, line, $"Syntax of set '{set.Name}' shows -{undocumented}, which PARAMETERS does not give for that set.");
            var missing = documented.Except(mentioned).OrderBy(n => n, StringComparer.Ordinal).FirstOrDefault();
            if (missing is not null) throw new HelpSourceException(page.File, line, $"Parameter -{missing} belongs to set '{set.Name}' but its syntax block does not show it.");
        }
    }

    private static IReadOnlyList<ExampleHelp> ReadExamples(MarkdownPage page)
    {
        var section = page.RequiredSection("EXAMPLES");
        var examples = new List<ExampleHelp>();
        foreach (var sub in section.Subsections)
        {
            var code = sub.CodeBlocks("powershell").ToList();
            if (code.Count == 0) throw new HelpSourceException(page.File, sub.Line, $"Example '{sub.Title}' has no ```powershell code block.");
            var output = sub.CodeBlocks("Output").FirstOrDefault()
                ?? throw new HelpSourceException(page.File, sub.Line, $"Example '{sub.Title}' has no ```Output block with the output it shows.");
            var remarks = InlineText.Paragraphs(sub.Blocks.Where(b => !code.Contains(b) && b != output));
            examples.Add(new ExampleHelp(sub.Title, string.Join("\n", code.Select(InlineText.CodeOf)), InlineText.CodeOf(output), remarks));
        }

        if (examples.Count < 2) throw new HelpSourceException(page.File, section.Line, "EXAMPLES needs at least two '### Example N - title' examples.");
        return examples;
    }

    private static IReadOnlyList<TypeEntry> ReadTypes(MarkdownPage page, string sectionName)
    {
        var section = page.RequiredSection(sectionName);
        if (section.Subsections.Count == 0) throw new HelpSourceException(page.File, section.Line, $"{sectionName} needs one '### TypeName' per type (### None when there is none).");
        return section.Subsections.Select(s => new TypeEntry(s.Title, InlineText.Paragraphs(s.Blocks))).ToArray();
    }

    private static IReadOnlyList<RelatedLink> ReadLinks(MarkdownPage page)
    {
        var section = page.RequiredSection("RELATED LINKS");
        var links = section.Blocks.SelectMany(b => b.Descendants<Markdig.Syntax.Inlines.LinkInline>())
            .Select(l => new RelatedLink(InlineText.Of(l), IsTopicLink(l.Url) ? "" : l.Url ?? ""))
            .ToArray();
        if (links.Length == 0) throw new HelpSourceException(page.File, section.Line, "RELATED LINKS needs at least one '- [Text](target)' link.");
        return links;
    }

    // A link to another page of these docs (Foo.md) is a help topic name, not a URI.
    private static bool IsTopicLink(string? url) => url is null || url.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"(?<![\w-])-([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex ParameterMention();
}
