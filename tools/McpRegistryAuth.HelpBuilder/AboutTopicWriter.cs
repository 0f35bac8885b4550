using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace McpRegistryAuth.HelpBuilder;

/// <summary>
/// Turns an about topic page (PlatyPS 1.x 'document type: about') into the plain-text
/// about_&lt;Topic&gt;.help.txt that Get-Help shows: TOPIC, then one upper-case heading per '##' section,
/// paragraphs wrapped at 80 columns and indented by four, code indented by eight.
/// </summary>
public static class AboutTopicWriter
{
    private const int Width = 80;
    private const string Indent = "    ";

    public static string Write(string file, string markdown)
    {
        var page = MarkdownPage.Parse(file, markdown);
        if (!page.FrontMatter.TryGetValue("document type", out var type) || type != "about")
        {
            throw new HelpSourceException(file, 1, "Front matter needs 'document type: about'.");
        }

        if (!page.Title.StartsWith("about_", StringComparison.Ordinal))
        {
            throw new HelpSourceException(file, page.TitleLine, "An about topic's title starts with 'about_'.");
        }

        foreach (var required in new[] { "Short description", "Long description" })
        {
            if (page.Section(required) is null) throw new HelpSourceException(file, page.TitleLine, $"The about topic needs a '## {required}' section.");
        }

        var text = new StringBuilder();
        text.Append("TOPIC\n").Append(Indent).Append(page.Title).Append('\n');
        foreach (var section in page.Sections)
        {
            text.Append('\n').Append(section.Title.ToUpperInvariant()).Append('\n');
            AppendBlocks(text, section.Blocks, Indent);
            foreach (var sub in section.Subsections)
            {
                text.Append('\n').Append(Indent).Append(sub.Title).Append('\n');
                AppendBlocks(text, sub.Blocks, Indent + "  ");
            }
        }

        return text.ToString();
    }

    private static void AppendBlocks(StringBuilder text, IEnumerable<Block> blocks, string indent)
    {
        var first = true;
        foreach (var block in blocks)
        {
            if (!first) text.Append('\n');
            first = false;
            switch (block)
            {
                case ParagraphBlock paragraph:
                    Wrap(text, InlineText.Of(paragraph.Inline), indent, indent);
                    break;
                case FencedCodeBlock or CodeBlock:
                    foreach (var line in InlineText.CodeOf((LeafBlock)block).Split('\n'))
                    {
                        text.Append(line.Length == 0 ? "" : indent + Indent + line).Append('\n');
                    }

                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var marker = list.IsOrdered ? $"{number++}. " : "- ";
                        var itemText = string.Join(" ", InlineText.Paragraphs(item));
                        Wrap(text, itemText, indent + marker, indent + new string(' ', marker.Length));
                    }

                    break;
                case Table table:
                    AppendTable(text, table, indent);
                    break;
                default:
                    foreach (var paragraph in InlineText.Paragraphs([block]))
                    {
                        Wrap(text, paragraph, indent, indent);
                    }

                    break;
            }
        }
    }

    private static void AppendTable(StringBuilder text, Table table, string indent)
    {
        var rows = table.OfType<TableRow>()
            .Select(r => r.OfType<TableCell>().Select(c => string.Join(" ", InlineText.Paragraphs(c))).ToArray())
            .ToList();
        var columns = rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(i => rows.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = Enumerable.Range(0, columns).Select(i => (i < rows[r].Length ? rows[r][i] : "").PadRight(widths[i]));
            text.Append(indent).Append(string.Join("  ", cells).TrimEnd()).Append('\n');
            if (r == 0 && table.OfType<TableRow>().First().IsHeader)
            {
                text.Append(indent).Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }
        }
    }

    /// <summary>Word-wraps at <see cref="Width"/> columns; a word longer than a line stays whole.</summary>
    private static void Wrap(StringBuilder text, string paragraph, string firstIndent, string indent)
    {
        foreach (var hardLine in paragraph.Split('\n'))
        {
            var line = new StringBuilder(firstIndent);
            var empty = true;
            foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!empty && line.Length + 1 + word.Length > Width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append(indent);
                    empty = true;
                }

                if (!empty) line.Append(' ');
                line.Append(word);
                empty = false;
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
            firstIndent = indent;
        }
    }
}
