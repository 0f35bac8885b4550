using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace McpRegistryAuth.HelpBuilder;

/// <summary>
/// Plain console text from Markdig nodes: emphasis markers dropped, inline code kept in backticks (as the
/// PowerShell docs show it), links as their text, soft line breaks as spaces.
/// </summary>
public static class InlineText
{
    public static string Of(ContainerInline? inline)
    {
        if (inline is null) return "";
        var text = new StringBuilder();
        Append(text, inline);
        return text.ToString().Trim();
    }

    public static string CodeOf(LeafBlock block) =>
        string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.ToString())).TrimEnd();

    /// <summary>Paragraph texts of the blocks in order: lists as "- item" lines, code blocks verbatim, tables row by row.</summary>
    public static IReadOnlyList<string> Paragraphs(IEnumerable<Block> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            AddParagraphs(paragraphs, block, "");
        }

        return paragraphs;
    }

    private static void AddParagraphs(List<string> paragraphs, Block block, string indent)
    {
        switch (block)
        {
            case ParagraphBlock p:
                paragraphs.Add(indent + Of(p.Inline));
                break;
            case HeadingBlock h:
                paragraphs.Add(indent + Of(h.Inline));
                break;
            case FencedCodeBlock or CodeBlock:
                paragraphs.Add(CodeOf((LeafBlock)block));
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{number++}. " : "- ";
                    var inner = new List<string>();
                    foreach (var child in item)
                    {
                        AddParagraphs(inner, child, "");
                    }

                    paragraphs.Add(indent + marker + string.Join("\n" + indent + new string(' ', marker.Length), inner));
                }

                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    AddParagraphs(paragraphs, child, indent + "  ");
                }

                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    var cells = row.OfType<TableCell>().Select(c => string.Join(" ", Paragraphs(c)));
                    paragraphs.Add(indent + string.Join(" | ", cells));
                }

                break;
        }
    }

    private static void Append(StringBuilder text, ContainerInline container)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append('`').Append(code.Content).Append('`');
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? "\n" : " ");
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case ContainerInline inner:
                    Append(text, inner);
                    break;
                case HtmlInline html:
                    text.Append(html.Tag);
                    break;
            }
        }
    }
}
