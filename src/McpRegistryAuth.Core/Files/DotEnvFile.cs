using System.Text;

namespace McpRegistryAuth.Core.Files;

/// <summary>
/// A docker compose v2 <c>.env</c> file: <c>KEY=VALUE</c> lines, optional <c>export </c>, <c>#</c> comments,
/// single quotes literal, double quotes with escapes, unquoted values ending at a <c> #</c> comment,
/// <c>${VAR}</c> interpolation from earlier lines and the given environment; a later line wins.
/// Editing replaces only the assignment it changes, so every other byte stays as it was.
/// </summary>
public sealed class DotEnvFile
{
    private readonly List<DotEnvEntry> entries;

    private DotEnvFile(string? path, string text, List<DotEnvEntry> entries, List<Finding> findings)
    {
        Path = path;
        Text = text;
        this.entries = entries;
        Findings = findings;
    }

    public string? Path { get; }

    public string Text { get; }

    public IReadOnlyList<DotEnvEntry> Entries => entries;

    /// <summary>Problems noticed while parsing (unterminated quotes, duplicate keys).</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>The value compose would use: the last assignment of the key.</summary>
    public DotEnvEntry? Find(string key) => entries.LastOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));

    /// <summary>Why a UTF-8 BOM at the start of a .env file matters, for both the reader and the editor.</summary>
    public static string BomProblem(string path) =>
        $"'{path}' starts with a UTF-8 BOM, which docker compose reads as part of the first variable name.";

    public static DotEnvFile Parse(string text, string? path = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var parser = new Parser(text, path, environment);
        parser.Run();
        return new DotEnvFile(path, text, parser.Entries, parser.Findings);
    }

    /// <summary>
    /// Returns the text with <paramref name="key"/> set to <paramref name="value"/> (written unquoted when safe,
    /// else single-quoted): the last assignment is replaced in place, or a line is appended.
    /// </summary>
    public string WithValue(string key, string value, bool singleQuoted = false)
    {
        var rendered = $"{key}={(singleQuoted ? SingleQuote(value) : Quote(value))}";
        var existing = Find(key);
        if (existing is not null)
        {
            var prefix = existing.Exported ? "export " : "";
            return string.Concat(Text.AsSpan(0, existing.Start), prefix + rendered, Text.AsSpan(existing.End));
        }

        var newline = Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var builder = new StringBuilder(Text);
        if (Text.Length > 0 && !Text.EndsWith('\n'))
        {
            builder.Append(newline);
        }

        builder.Append(rendered).Append(newline);
        return builder.ToString();
    }

    /// <summary>Unquoted when the value has only characters compose reads back unchanged; otherwise single quotes.</summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,:/@+=%{}[]\"".Contains(c)) && !value.StartsWith('"'))
        {
            return value;
        }

        return SingleQuote(value);
    }

    /// <summary>Single quotes: compose reads the value literally (no interpolation, no escapes).</summary>
    public static string SingleQuote(string value)
    {
        if (value.Contains('\''))
        {
            throw new ArgumentException("A value holding a single quote cannot be written to a .env file safely.", nameof(value));
        }

        return $"'{value}'";
    }

    private sealed class Parser(string text, string? path, IReadOnlyDictionary<string, string>? environment)
    {
        private int pos;
        private int line = 1;

        public List<DotEnvEntry> Entries { get; } = [];

        public List<Finding> Findings { get; } = [];

        public void Run()
        {
            while (pos < text.Length)
            {
                SkipBlankAndComments();
                if (pos >= text.Length)
                {
                    break;
                }

                ParseAssignment();
            }

            foreach (var group in Entries.GroupBy(e => e.Key).Where(g => g.Count() > 1))
            {
                var last = group.Last();
                Findings.Add(new Finding
                {
                    Severity = FindingSeverity.Warning,
                    Code = DotEnvFindingCodes.DuplicateKey,
                    Message = $"{group.Key} is assigned {group.Count()} times (lines {string.Join(", ", group.Select(e => e.Line))}); docker compose uses line {last.Line}.",
                    File = path,
                    Line = last.Line,
                    Path = group.Key,
                    Fix = "Keep one assignment per variable.",
                });
            }
        }

        private void SkipBlankAndComments()
        {
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c == '\n')
                {
                    line++;
                    pos++;
                }
                else if (c is ' ' or '\t' or '\r')
                {
                    pos++;
                }
                else if (c == '#')
                {
                    SkipToEndOfLine();
                }
                else
                {
                    return;
                }
            }
        }

        private void SkipToEndOfLine()
        {
            while (pos < text.Length && text[pos] != '\n')
            {
                pos++;
            }
        }

        private void ParseAssignment()
        {
            var start = pos;
            var startLine = line;
            var exported = false;
            if (text.AsSpan(pos).StartsWith("export ", StringComparison.Ordinal) || text.AsSpan(pos).StartsWith("export\t", StringComparison.Ordinal))
            {
                exported = true;
                pos += 7;
                while (pos < text.Length && text[pos] is ' ' or '\t')
                {
                    pos++;
                }
            }

            var keyStart = pos;
            while (pos < text.Length && text[pos] != '=' && text[pos] != '\n')
            {
                pos++;
            }

            var key = text[keyStart..pos].Trim();
            if (pos >= text.Length || text[pos] == '\n' || key.Length == 0 || key.Any(c => char.IsWhiteSpace(c)))
            {
                Findings.Add(new Finding
                {
                    Severity = FindingSeverity.Error,
                    Code = DotEnvFindingCodes.NotAnAssignment,
                    // The line's text is not repeated: it may be a secret pasted on its own.
                    Message = key.Length == 0 ? $"Line {startLine} has no variable name before '='." : $"Line {startLine} is not a KEY=VALUE assignment.",
                    File = path,
                    Line = startLine,
                    Fix = "Write one KEY=VALUE per line; start comments with #.",
                });
                SkipToEndOfLine();
                return;
            }

            pos++; // '='
            while (pos < text.Length && text[pos] is ' ' or '\t')
            {
                pos++;
            }

            string value;
            var quoting = DotEnvQuoting.None;
            if (pos < text.Length && text[pos] == '\'')
            {
                quoting = DotEnvQuoting.Single;
                value = ReadQuoted('\'', startLine, key, escapes: false);
            }
            else if (pos < text.Length && text[pos] == '"')
            {
                quoting = DotEnvQuoting.Double;
                value = Interpolate(ReadQuoted('"', startLine, key, escapes: true));
            }
            else
            {
                var valueStart = pos;
                while (pos < text.Length && text[pos] != '\n')
                {
                    if (text[pos] == '#' && pos > valueStart && text[pos - 1] is ' ' or '\t')
                    {
                        break;
                    }

                    pos++;
                }

                value = Interpolate(text[valueStart..pos].TrimEnd(' ', '\t', '\r'));
            }

            var end = pos;
            // The assignment's text ends at its value; a trailing comment or CR stays where it is on edit.
            if (quoting == DotEnvQuoting.None)
            {
                end = valueEndForUnquoted(start, pos);
            }

            Entries.Add(new DotEnvEntry(key, value, startLine, start, end, exported, quoting));
            SkipToEndOfLine();

            int valueEndForUnquoted(int from, int to)
            {
                var e = to;
                while (e > from && text[e - 1] is ' ' or '\t' or '\r')
                {
                    e--;
                }

                return e;
            }
        }

        private string ReadQuoted(char quote, int startLine, string key, bool escapes)
        {
            pos++; // opening quote
            var builder = new StringBuilder();
            while (pos < text.Length)
            {
                var c = text[pos];
                if (c == quote)
                {
                    pos++;
                    return builder.ToString();
                }

                if (escapes && c == '\\' && pos + 1 < text.Length)
                {
                    var next = text[pos + 1];
                    builder.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => next });
                    pos += 2;
                    continue;
                }

                if (c == '\n')
                {
                    line++;
                }

                builder.Append(c);
                pos++;
            }

            Findings.Add(new Finding
            {
                Severity = FindingSeverity.Error,
                Code = DotEnvFindingCodes.UnterminatedQuote,
                Message = $"The value of {key} opens a {(quote == '\'' ? "single" : "double")} quote that is never closed.",
                File = path,
                Line = startLine,
                Path = key,
                Fix = $"Close the quote on line {startLine}.",
            });
            return builder.ToString();
        }

        private string Interpolate(string value)
        {
            if (!value.Contains('$'))
            {
                return value;
            }

            var builder = new StringBuilder();
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c != '$' || i + 1 >= value.Length)
                {
                    builder.Append(c);
                    continue;
                }

                var next = value[i + 1];
                if (next == '$')
                {
                    builder.Append('$');
                    i++;
                }
                else if (next == '{')
                {
                    var close = value.IndexOf('}', i + 2);
                    if (close < 0)
                    {
                        builder.Append(value, i, value.Length - i);
                        break;
                    }

                    var expression = value[(i + 2)..close];
                    var name = new string(expression.TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_').ToArray());
                    var rest = expression[name.Length..];
                    var found = Lookup(name);
                    if (rest.StartsWith(":-", StringComparison.Ordinal))
                    {
                        builder.Append(string.IsNullOrEmpty(found) ? rest[2..] : found);
                    }
                    else if (rest.StartsWith('-'))
                    {
                        builder.Append(found ?? rest[1..]);
                    }
                    else
                    {
                        builder.Append(found ?? "");
                    }

                    i = close;
                }
                else if (char.IsAsciiLetter(next) || next == '_')
                {
                    var j = i + 1;
                    while (j < value.Length && (char.IsAsciiLetterOrDigit(value[j]) || value[j] == '_'))
                    {
                        j++;
                    }

                    builder.Append(Lookup(value[(i + 1)..j]) ?? "");
                    i = j - 1;
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        private string? Lookup(string name)
        {
            if (environment is not null && environment.TryGetValue(name, out var fromEnvironment))
            {
                return fromEnvironment;
            }

            return Entries.LastOrDefault(e => e.Key == name)?.Value;
        }
    }
}
