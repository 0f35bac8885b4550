using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace McpRegistryAuth.HelpBuilder;

/// <summary>
/// A docs page parsed by Markdig: its yaml front matter, its H1 title and its H2 sections, each with
/// the blocks before the first H3 and its H3 subsections.
/// </summary>
public sealed class MarkdownPage
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().Build();

    private MarkdownPage(string file, IReadOnlyDictionary<string, string> frontMatter, string title, int titleLine, IReadOnlyList<MarkdownSection> sections)
    {
        File = file;
        FrontMatter = frontMatter;
        Title = title;
        TitleLine = titleLine;
        Sections = sections;
    }

    /// <summary>The file name used in error messages.</summary>
    public string File { get; }

    public IReadOnlyDictionary<string, string> FrontMatter { get; }

    public string Title { get; }

    public int TitleLine { get; }

    public IReadOnlyList<MarkdownSection> Sections { get; }

    public static MarkdownPage Parse(string file, string markdown)
    {
        var document = Markdown.Parse(markdown.Replace("\r\n", "\n"), Pipeline);
        var frontMatter = ReadFrontMatter(file, document.Descendants<YamlFrontMatterBlock>().FirstOrDefault());
        string? title = null;
        var titleLine = 1;
        var sections = new List<MarkdownSection>();
        MarkdownSection? section = null;
        MarkdownSubsection? subsection = null;
        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                    continue;
                case HeadingBlock { Level: 1 } h1 when title is null:
                    title = InlineText.Of(h1.Inline);
                    titleLine = h1.Line + 1;
                    continue;
                case HeadingBlock { Level: 2 } h2:
                    section = new MarkdownSection(InlineText.Of(h2.Inline), h2.Line + 1);
                    subsection = null;
                    sections.Add(section);
                    continue;
                case HeadingBlock { Level: 3 } h3 when section is not null:
                    subsection = new MarkdownSubsection(InlineText.Of(h3.Inline), h3.Line + 1);
                    section.Subsections.Add(subsection);
                    continue;
            }

            if (section is null)
            {
                if (title is null) throw new HelpSourceException(file, block.Line + 1, "Content before the '# Title' heading.");
                continue;
            }

            (subsection?.Blocks ?? section.Blocks).Add(block);
        }

        if (title is null) throw new HelpSourceException(file, 1, "The page has no '# Title' heading.");
        return new MarkdownPage(file, frontMatter, title, titleLine, sections);
    }

    public MarkdownSection? Section(string name) =>
        Sections.FirstOrDefault(s => string.Equals(s.Title, name, StringComparison.OrdinalIgnoreCase));

    public MarkdownSection RequiredSection(string name) =>
        Section(name) ?? throw new HelpSourceException(File, TitleLine, $"The page has no '## {name}' section.");

    private static IReadOnlyDictionary<string, string> ReadFrontMatter(string file, YamlFrontMatterBlock? block)
    {
        if (block is null) throw new HelpSourceException(file, 1, "The page has no yaml front matter ('---' block at the top).");
        var yaml = string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString()).Where(l => l != "---"));
        try
        {
            var map = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(yaml) ?? new Dictionary<string, object?>();
            return map.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.OrdinalIgnoreCase);
        }
        catch (YamlException e)
        {
            throw new HelpSourceException(file, block.Line + 1 + (int)e.Start.Line, $"Front matter is not valid yaml: {e.Message}");
        }
    }
}

/// <summary>A '## Title' section of a docs page.</summary>
public sealed class MarkdownSection(string title, int line)
{
    public string Title { get; } = title;

    /// <summary>1-based line of the heading.</summary>
    public int Line { get; } = line;

    /// <summary>Blocks between the heading and the first '###'.</summary>
    public List<Block> Blocks { get; } = [];

    public List<MarkdownSubsection> Subsections { get; } = [];
}

/// <summary>A '### Title' subsection inside a section.</summary>
public sealed class MarkdownSubsection(string title, int line)
{
    public string Title { get; } = title;

    public int Line { get; } = line;

    public List<Block> Blocks { get; } = [];

    public IEnumerable<FencedCodeBlock> CodeBlocks(string language) =>
        Blocks.OfType<FencedCodeBlock>().Where(c => string.Equals(c.Info, language, StringComparison.OrdinalIgnoreCase));
}
