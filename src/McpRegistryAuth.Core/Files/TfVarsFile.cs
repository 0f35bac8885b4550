using System.Text;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// The top-level attributes of a terraform.tfvars (HCL native syntax) file, found with a scanner that
/// knows strings, heredocs, comments and bracket nesting, so a multi-line list or map is one value.
/// Editing replaces only the value it changes, or appends a line; every other byte stays.
/// </summary>
public sealed class TfVarsFile
{
    private TfVarsFile(string text, IReadOnlyList<TfVarsAttribute> attributes)
    {
        Text = text;
        Attributes = attributes;
    }

    public string Text { get; }

    public IReadOnlyList<TfVarsAttribute> Attributes { get; }

    /// <summary>Terraform refuses a repeated attribute; the last is the one a reader would look at.</summary>
    public TfVarsAttribute? Find(string name) => Attributes.LastOrDefault(a => a.Name == name);

    public static TfVarsFile Parse(string text) => new(text, new Scanner(text).Run());

    /// <summary>The text with <paramref name="name"/> set to the HCL expression <paramref name="expression"/>.</summary>
    public string WithValue(string name, string expression)
    {
        var existing = Find(name);
        if (existing is not null)
        {
            return string.Concat(Text.AsSpan(0, existing.ValueStart), expression, Text.AsSpan(existing.ValueEnd));
        }

        var newline = Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var builder = new StringBuilder(Text);
        if (Text.Length > 0 && !Text.EndsWith('\n'))
        {
            builder.Append(newline);
        }

        return builder.Append(name).Append(" = ").Append(expression).Append(newline).ToString();
    }

    /// <summary>An HCL quoted string literal: escapes, and <c>${</c>/<c>%{</c> doubled so they stay literal.</summary>
    public static string QuoteLiteral(string value)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '$' or '%' when i + 1 < value.Length && value[i + 1] == '{': builder.Append(c).Append(c); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The inverse of <see cref="QuoteLiteral"/>; null when the text is not one plain quoted literal without templates.</summary>
    public static string? UnquoteLiteral(string expression)
    {
        if (expression.Length < 2 || expression[0] != '"' || expression[^1] != '"') return null;
        var builder = new StringBuilder();
        for (var i = 1; i < expression.Length - 1; i++)
        {
            var c = expression[i];
            if (c == '\\' && i + 1 < expression.Length - 1)
            {
                var next = expression[++i];
                builder.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => next });
            }
            else if (c is '$' or '%' && i + 2 < expression.Length - 1 && expression[i + 1] == c && expression[i + 2] == '{')
            {
                builder.Append(c);
                i++;
            }
            else if (c is '$' or '%' && i + 1 < expression.Length - 1 && expression[i + 1] == '{')
            {
                return null;
            }
            else if (c == '"')
            {
                return null;
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private sealed class Scanner(string text)
    {
        private readonly List<TfVarsAttribute> attributes = [];
        private int pos;
        private int line = 1;

        public List<TfVarsAttribute> Run()
        {
            while (pos < text.Length)
            {
                SkipBlankAndComments();
                if (pos >= text.Length) break;
                var start = pos;
                var startLine = line;
                var name = ReadIdentifier();
                SkipInlineSpace();
                if (name.Length > 0 && Peek() == '=' && Peek(1) != '=')
                {
                    pos++;
                    SkipInlineSpace();
                    var valueStart = pos;
                    var valueEnd = ReadExpressionToLineEnd();
                    attributes.Add(new TfVarsAttribute(name, startLine, valueStart, valueEnd, text[valueStart..valueEnd]));
                }
                else
                {
                    // Not an attribute (a block or stray text): skip the rest of it, nested brackets included.
                    pos = Math.Max(pos, start + 1);
                    ReadExpressionToLineEnd();
                }
            }

            return attributes;
        }

        private char Peek(int ahead = 0) => pos + ahead < text.Length ? text[pos + ahead] : '\0';

        private void Advance()
        {
            if (text[pos] == '\n') line++;
            pos++;
        }

        private void SkipInlineSpace()
        {
            while (pos < text.Length && text[pos] is ' ' or '\t') pos++;
        }

        private void SkipBlankAndComments()
        {
            while (pos < text.Length)
            {
                if (char.IsWhiteSpace(text[pos])) Advance();
                else if (text[pos] == '#' || (text[pos] == '/' && Peek(1) == '/')) SkipToLineEnd();
                else if (text[pos] == '/' && Peek(1) == '*') SkipBlockComment();
                else break;
            }
        }

        private void SkipToLineEnd()
        {
            while (pos < text.Length && text[pos] != '\n') pos++;
        }

        private void SkipBlockComment()
        {
            pos += 2;
            while (pos < text.Length && !(text[pos] == '*' && Peek(1) == '/')) Advance();
            pos = Math.Min(pos + 2, text.Length);
        }

        private string ReadIdentifier()
        {
            var start = pos;
            if (pos < text.Length && (char.IsLetter(text[pos]) || text[pos] == '_'))
            {
                while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '_' or '-')) pos++;
            }

            return text[start..pos];
        }

        /// <summary>Reads to the newline that ends the expression at depth 0; returns the end of the expression text.</summary>
        private int ReadExpressionToLineEnd()
        {
            var depth = 0;
            var end = pos;
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c == '\n' && depth == 0) break;
                if (c == '"')
                {
                    SkipString();
                    end = pos;
                    continue;
                }

                if (c == '<' && Peek(1) == '<' && TrySkipHeredoc())
                {
                    end = pos;
                    continue;
                }

                if (c == '#' || (c == '/' && Peek(1) == '/'))
                {
                    SkipToLineEnd();
                    continue;
                }

                if (c == '/' && Peek(1) == '*')
                {
                    SkipBlockComment();
                    continue;
                }

                if (c is '[' or '{' or '(') depth++;
                if (c is ']' or '}' or ')') depth = Math.Max(0, depth - 1);
                Advance();
                if (!char.IsWhiteSpace(c)) end = pos;
            }

            return end;
        }

        private void SkipString()
        {
            pos++;
            while (pos < text.Length && text[pos] != '"' && text[pos] != '\n')
            {
                if (text[pos] == '\\') pos++;
                pos++;
            }

            if (pos < text.Length && text[pos] == '"') pos++;
        }

        private bool TrySkipHeredoc()
        {
            var at = pos + 2;
            if (at < text.Length && text[at] == '-') at++;
            var markerStart = at;
            while (at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] == '_')) at++;
            if (at == markerStart) return false;
            var marker = text[markerStart..at];
            pos = at;
            SkipToLineEnd();
            while (pos < text.Length)
            {
                Advance();
                var lineStart = pos;
                SkipToLineEnd();
                if (text[lineStart..pos].Trim() == marker) return true;
            }

            return true;
        }
    }
}
