using System.Globalization;
using System.Text;

namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>
/// Reads JSON, or JSONC (comments and trailing commas, as VS Code reads its settings files), into
/// <see cref="JsonTextNode"/>s that keep their positions. Anything else is a <see cref="JsonTextException"/>
/// naming the line and column.
/// </summary>
public sealed class JsonTextParser
{
    private readonly string text;
    private readonly bool jsonc;
    private int position;

    private JsonTextParser(string text, bool jsonc)
    {
        this.text = text;
        this.jsonc = jsonc;
    }

    /// <param name="text">The whole file.</param>
    /// <param name="jsonc">Allow // and /* */ comments and trailing commas.</param>
    public static JsonTextNode Parse(string text, bool jsonc)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new JsonTextParser(text, jsonc);
        // A UTF-8 byte order mark decoded into the text is not part of the document.
        if (parser.text.Length > 0 && parser.text[0] == '\uFEFF') parser.position = 1;
        parser.SkipSpace();
        var root = parser.ReadValue();
        parser.SkipSpace();
        if (parser.position < text.Length) throw parser.Error("unexpected text after the end of the document");
        return root;
    }

    private JsonTextNode ReadValue()
    {
        if (position >= text.Length) throw Error("the document ends where a value was expected");
        var c = text[position];
        return c switch
        {
            '{' => ReadObject(),
            '[' => ReadArray(),
            '"' => ReadStringNode(),
            '-' or (>= '0' and <= '9') => ReadNumber(),
            't' or 'f' or 'n' => ReadLiteral(),
            _ => throw Error($"'{c}' cannot start a value"),
        };
    }

    private JsonTextNode ReadObject()
    {
        var node = new JsonTextNode { Kind = JsonTextKind.Object, Start = position };
        position++;
        SkipSpace();
        while (true)
        {
            if (Peek() == '}')
            {
                position++;
                node.End = position;
                return node;
            }

            if (Peek() != '"') throw Error("expected a member name in double quotes or '}'");
            var keyStart = position;
            var name = ReadString();
            SkipSpace();
            if (Peek() != ':') throw Error($"expected ':' after the member name \"{name}\"");
            position++;
            SkipSpace();
            var value = ReadValue();
            node.Members.Add(new JsonTextMember(name, keyStart, value));
            node.TrailingCommaEnd = null;
            SkipSpace();
            if (Peek() == ',')
            {
                position++;
                var commaEnd = position;
                SkipSpace();
                if (Peek() == '}')
                {
                    if (!jsonc) throw Error("a trailing comma before '}' is not JSON");
                    node.TrailingCommaEnd = commaEnd;
                }
                else if (Peek() != '"')
                {
                    throw Error("expected a member name in double quotes after ','");
                }
            }
            else if (Peek() != '}')
            {
                throw Error("expected ',' or '}' after a member");
            }
        }
    }

    private JsonTextNode ReadArray()
    {
        var node = new JsonTextNode { Kind = JsonTextKind.Array, Start = position };
        position++;
        SkipSpace();
        while (true)
        {
            if (Peek() == ']')
            {
                position++;
                node.End = position;
                return node;
            }

            node.Items.Add(ReadValue());
            node.TrailingCommaEnd = null;
            SkipSpace();
            if (Peek() == ',')
            {
                position++;
                var commaEnd = position;
                SkipSpace();
                if (Peek() == ']')
                {
                    if (!jsonc) throw Error("a trailing comma before ']' is not JSON");
                    node.TrailingCommaEnd = commaEnd;
                }
            }
            else if (Peek() != ']')
            {
                throw Error("expected ',' or ']' after an array item");
            }
        }
    }

    private JsonTextNode ReadStringNode()
    {
        var start = position;
        var value = ReadString();
        return new JsonTextNode { Kind = JsonTextKind.String, Start = start, End = position, Text = value };
    }

    private string ReadString()
    {
        position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (position >= text.Length) throw Error("a string is not closed");
            var c = text[position++];
            if (c == '"') return builder.ToString();
            if (c < ' ') throw Error("a control character inside a string must be escaped");
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (position >= text.Length) throw Error("a string is not closed");
            var escape = text[position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (position + 4 > text.Length || !int.TryParse(text.AsSpan(position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("\\u must be followed by four hex digits");
                    }

                    builder.Append((char)code);
                    position += 4;
                    break;
                default: throw Error($"'\\{escape}' is not a JSON escape");
            }
        }
    }

    private JsonTextNode ReadNumber()
    {
        var start = position;
        if (Peek() == '-') position++;
        var digits = position;
        while (position < text.Length && (char.IsAsciiDigit(text[position]) || text[position] is '.' or 'e' or 'E' or '+' or '-')) position++;
        if (position == digits || !double.TryParse(text.AsSpan(start, position - start), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            position = start;
            throw Error("not a valid number");
        }

        return new JsonTextNode { Kind = JsonTextKind.Number, Start = start, End = position };
    }

    private JsonTextNode ReadLiteral()
    {
        foreach (var literal in new[] { "true", "false", "null" })
        {
            if (string.CompareOrdinal(text, position, literal, 0, literal.Length) == 0)
            {
                var node = new JsonTextNode { Kind = JsonTextKind.Literal, Start = position, End = position + literal.Length, Text = literal };
                position += literal.Length;
                return node;
            }
        }

        throw Error("expected true, false or null");
    }

    private char Peek() => position < text.Length ? text[position] : '\0';

    private void SkipSpace()
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                position++;
            }
            else if (c == '/' && position + 1 < text.Length && text[position + 1] is '/' or '*')
            {
                if (!jsonc) throw Error("comments are not JSON (this client reads the file as strict JSON)");
                if (text[position + 1] == '/')
                {
                    while (position < text.Length && text[position] != '\n') position++;
                }
                else
                {
                    var close = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                    if (close < 0) throw Error("a /* comment is not closed");
                    position = close + 2;
                }
            }
            else
            {
                return;
            }
        }
    }

    private JsonTextException Error(string message)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new JsonTextException(message, line, position - lineStart + 1);
    }
}

/// <summary>A file that is not the JSON (or JSONC) its client reads, with where the reading stopped.</summary>
public sealed class JsonTextException : Exception
{
    public JsonTextException(string reason, int line, int column)
        : base($"line {line}, column {column}: {reason}")
    {
        Reason = reason;
        Line = line;
        Column = column;
    }

    public string Reason { get; }

    public int Line { get; }

    public int Column { get; }
}
