using System.Text;
using System.Text.Json;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Reads JSON (one value, an array, or several top-level values as JSON Lines) into DefinitionValues
/// that keep line and column. Duplicate keys: last wins, as Python's json module and the database
/// driver do, with a Warning.
/// </summary>
internal sealed class JsonDefinitionReader
{
    private const int MaxDepth = 64;

    private readonly byte[] utf8;
    private readonly string file;
    private readonly List<Finding> findings;
    private readonly int[] lineStarts;

    private JsonDefinitionReader(byte[] utf8, string file, List<Finding> findings)
    {
        this.utf8 = utf8;
        this.file = file;
        this.findings = findings;
        var starts = new List<int> { 0 };
        var span = utf8.AsSpan();
        var at = 0;
        int next;
        while ((next = span[at..].IndexOf((byte)'\n')) >= 0)
        {
            at += next + 1;
            starts.Add(at);
        }

        lineStarts = starts.ToArray();
    }

    /// <summary>
    /// Every top-level value in the bytes, in order. A syntax error adds an Error Finding with its line and
    /// stops reading; the values read before it are returned.
    /// </summary>
    public static IReadOnlyList<DefinitionValue> ReadAll(byte[] utf8, string file, List<Finding> findings)
        => new JsonDefinitionReader(utf8, file, findings).ReadAll();

    private IReadOnlyList<DefinitionValue> ReadAll()
    {
        var values = new List<DefinitionValue>();

        // Values are read one at a time so several top-level values (JSON Lines, as mongoexport writes by
        // default) work on net8.0, whose reader has no multiple-value mode.
        var offset = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
        while (true)
        {
            while (offset < utf8.Length && utf8[offset] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                offset++;
            }

            if (offset >= utf8.Length)
            {
                return values;
            }

            var reader = new Utf8JsonReader(utf8.AsSpan(offset), new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
            try
            {
                reader.Read();
                values.Add(ReadValue(ref reader, offset));
            }
            catch (JsonException error)
            {
                var (startLine, startColumn) = Position(offset);
                var relativeLine = (int)(error.LineNumber ?? 0);
                var line = startLine + relativeLine;
                var column = (int)(error.BytePositionInLine ?? 0) + (relativeLine == 0 ? startColumn : 1);
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Error,
                    Code = ScopeFindingCodes.JsonSyntax,
                    Message = $"Not valid JSON at line {line}, column {column}: {FirstSentence(error.Message)}",
                    File = file,
                    Line = line,
                    Column = column,
                    Fix = "Export the collection again (mongoexport --jsonArray, or one document per line) or fix the JSON.",
                });
                return values;
            }

            offset += (int)reader.BytesConsumed;
        }
    }

    private DefinitionValue ReadValue(ref Utf8JsonReader reader, int offset)
    {
        var (line, column) = Position((int)reader.TokenStartIndex + offset);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<DefinitionEntry>();
                Dictionary<string, int>? positions = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var (keyLine, keyColumn) = Position((int)reader.TokenStartIndex + offset);
                    var key = PropertyName(ref reader);
                    reader.Read();
                    var value = ReadValue(ref reader, offset);
                    var entry = new DefinitionEntry(key, value, keyLine, keyColumn);
                    var earlier = IndexOf(entries, positions, key);
                    if (earlier >= 0)
                    {
                        findings.Add(new Finding
                        {
                            Severity = FindingSeverity.Warning,
                            Code = ScopeFindingCodes.DuplicateKey,
                            Message = $"Key '{key}' appears again (first at line {entries[earlier].Line}); the last value wins, as in the gateway.",
                            File = file,
                            Line = keyLine,
                            Column = keyColumn,
                            Path = key,
                            Fix = "Keep one occurrence of the key.",
                        });
                        entries[earlier] = entry;
                    }
                    else
                    {
                        positions?.Add(key, entries.Count);
                        entries.Add(entry);
                        if (positions is null && entries.Count > LinearKeyLimit)
                        {
                            positions = new Dictionary<string, int>(StringComparer.Ordinal);
                            for (var i = 0; i < entries.Count; i++)
                            {
                                positions[entries[i].Key] = i;
                            }
                        }
                    }
                }

                return DefinitionValue.Mapping(entries, file, line, column);
            case JsonTokenType.StartArray:
                var items = new List<DefinitionValue>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, offset));
                }

                return DefinitionValue.List(items, file, line, column);
            case JsonTokenType.String:
                return DefinitionValue.String(StringValue(ref reader), file, line, column);
            case JsonTokenType.Number:
                return DefinitionValue.Number(Encoding.UTF8.GetString(reader.ValueSpan), file, line, column);
            case JsonTokenType.True:
                return DefinitionValue.Boolean(true, file, line, column);
            case JsonTokenType.False:
                return DefinitionValue.Boolean(false, file, line, column);
            default:
                return DefinitionValue.Null(file, line, column);
        }
    }

    // Objects are small: below this many keys a linear scan finds duplicates faster than a dictionary.
    private const int LinearKeyLimit = 16;

    private static readonly string[] CommonKeys = ["server", "methods", "tools", "_id", "group_mappings", "server_access", "agent", "actions", "ui_permissions", "description"];

    private int lineCursor;

    private static int IndexOf(List<DefinitionEntry> entries, Dictionary<string, int>? positions, string key)
    {
        if (positions is not null)
        {
            return positions.TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private const int MaxSharedStringBytes = 64;

    private readonly Dictionary<int, string> sharedStrings = new();

    // Method and tool names repeat thousands of times in a large estate: equal short strings are shared.
    private string StringValue(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaxSharedStringBytes)
        {
            return reader.GetString()!;
        }

        var hash = new HashCode();
        hash.AddBytes(reader.ValueSpan);
        var key = hash.ToHashCode();
        if (sharedStrings.TryGetValue(key, out var shared) && reader.ValueTextEquals(shared))
        {
            return shared;
        }

        var text = reader.GetString()!;
        sharedStrings[key] = text;
        return text;
    }

    // The keys every scope document repeats are shared instead of allocated per occurrence.
    private static string PropertyName(ref Utf8JsonReader reader)
    {
        foreach (var key in CommonKeys)
        {
            if (reader.ValueTextEquals(key))
            {
                return key;
            }
        }

        return reader.GetString()!;
    }

    // Tokens arrive in increasing offset order, so the line is found by moving a cursor forward.
    private (int Line, int Column) Position(int byteOffset)
    {
        if (lineCursor >= lineStarts.Length || lineStarts[lineCursor] > byteOffset)
        {
            var index = Array.BinarySearch(lineStarts, byteOffset);
            lineCursor = index < 0 ? ~index - 1 : index;
        }

        while (lineCursor + 1 < lineStarts.Length && lineStarts[lineCursor + 1] <= byteOffset)
        {
            lineCursor++;
        }

        return (lineCursor + 1, byteOffset - lineStarts[lineCursor] + 1);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
