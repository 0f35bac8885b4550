using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Parser for REGISTRY_API_KEYS (auth_server/server.py:609-763): a JSON object
/// <c>{"name": {"key": "...", "groups": ["..."]}}</c>, with the server's repair of JSON whose quotes
/// docker compose stripped, and its per-entry rules. Messages name entries and fields, never keys.
/// </summary>
public static partial class RegistryApiKeys
{
    public const string VariableName = "REGISTRY_API_KEYS";

    public static readonly IReadOnlyList<string> ReservedNames = ["legacy", "network-user", "network-trusted"];

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();

    public static RegistryApiKeysParseResult Parse(string? raw)
    {
        var text = raw is null ? "" : PythonText.Strip(raw);
        if (text.Length == 0)
        {
            return new RegistryApiKeysParseResult([], null, false);
        }

        var repaired = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            try
            {
                document = JsonDocument.Parse(RepairStrippedJson(text));
                repaired = true;
            }
            catch (JsonException ex)
            {
                return Fail($"not valid JSON, even after re-adding the quotes docker compose strips (near line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
            }
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Fail($"expected a JSON object of name -> {{key, groups}}, got a JSON {Describe(document.RootElement.ValueKind)}");
            }

            // json.loads keeps the first position of a repeated name and the last value.
            var ordered = new List<(string Name, JsonElement Value)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var index = ordered.FindIndex(p => p.Name == property.Name);
                if (index >= 0)
                {
                    ordered[index] = (property.Name, property.Value.Clone());
                }
                else
                {
                    ordered.Add((property.Name, property.Value.Clone()));
                }
            }

            var entries = new List<StaticKeyEntry>();
            foreach (var (name, value) in ordered)
            {
                if (!NamePattern().IsMatch(name))
                {
                    return Fail($"key name {SafeName(name)} (not shown: it may be a key pasted as a name) must match ^[a-z0-9][a-z0-9_-]{{0,63}}$ (lower-case letters, digits, '_' and '-', at most 64 characters)");
                }

                if (ReservedNames.Contains(name))
                {
                    return Fail($"key name '{name}' is reserved (reserved: {string.Join(", ", ReservedNames)})");
                }

                if (value.ValueKind != JsonValueKind.Object)
                {
                    return Fail($"entry '{name}' must be an object with 'key' and 'groups', got a JSON {Describe(value.ValueKind)}");
                }

                if (!TryGetLast(value, "key", out var keyElement))
                {
                    return Fail($"entry '{name}': field 'key' is required");
                }

                if (keyElement.ValueKind != JsonValueKind.String)
                {
                    return Fail($"entry '{name}': field 'key' must be a string");
                }

                var rawKey = keyElement.GetString()!;
                if (PythonText.Length(rawKey) < SigningSecretRule.MinimumLength)
                {
                    return Fail($"entry '{name}': field 'key' should have at least {SigningSecretRule.MinimumLength} characters");
                }

                var key = SigningSecretRule.Validate(rawKey, $"{VariableName}['{name}'].key", required: true);
                if (!key.IsAccepted)
                {
                    return Fail($"entry '{name}': {key.Message}");
                }

                if (!TryGetLast(value, "groups", out var groupsElement))
                {
                    return Fail($"entry '{name}': field 'groups' is required");
                }

                if (groupsElement.ValueKind != JsonValueKind.Array || groupsElement.GetArrayLength() == 0)
                {
                    return Fail($"entry '{name}': field 'groups' must be a non-empty list of group names");
                }

                var groups = new List<string>();
                foreach (var group in groupsElement.EnumerateArray())
                {
                    if (group.ValueKind != JsonValueKind.String)
                    {
                        return Fail($"entry '{name}': every group must be a string");
                    }

                    groups.Add(group.GetString()!);
                }

                var duplicate = entries.FirstOrDefault(e => e.Key.Equals(key.Value));
                if (duplicate is not null)
                {
                    return Fail($"entries '{duplicate.Name}' and '{name}' have the same key value; every key must be unique");
                }

                entries.Add(new StaticKeyEntry(name, key.Value, groups));
            }

            return new RegistryApiKeysParseResult(entries, null, repaired);
        }

        RegistryApiKeysParseResult Fail(string error) => new([], error, repaired);
    }

    /// <summary>
    /// Puts double quotes back around every bare token (a run of characters that is not JSON
    /// punctuation, white space or an already quoted string), as the server does when json.loads fails.
    /// </summary>
    public static string RepairStrippedJson(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = i + 1;
                while (end < text.Length && text[end] != '"')
                {
                    end += text[end] == '\\' ? 2 : 1;
                }

                end = Math.Min(end + 1, text.Length);
                builder.Append(text, i, end - i);
                i = end;
            }
            else if (c is '{' or '}' or '[' or ']' or ',' or ':' || char.IsWhiteSpace(c))
            {
                builder.Append(c);
                i++;
            }
            else
            {
                var end = i;
                while (end < text.Length && text[end] is not ('{' or '}' or '[' or ']' or ',' or ':' or '"') && !char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                builder.Append('"').Append(text, i, end - i).Append('"');
                i = end;
            }
        }

        return builder.ToString();
    }

    /// <summary>Renders entries in the server's format: compact JSON, names in order.</summary>
    public static string Serialize(IEnumerable<StaticKeyEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var entry in entries)
            {
                writer.WriteStartObject(entry.Name);
                writer.WriteString("key", entry.Key.Reveal());
                writer.WriteStartArray("groups");
                foreach (var group in entry.Groups)
                {
                    writer.WriteStringValue(group);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static bool TryGetLast(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        var found = false;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Name == name)
            {
                value = property.Value;
                found = true;
            }
        }

        return found;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // A name that fails the pattern may be a key pasted in the wrong place: show at most a short prefix.
    // A name the gateway refuses is often a key pasted in the wrong place: never show any of it.
    private static string SafeName(string name) => $"<{name.Length} characters, fingerprint {Fingerprint.Of(name)}>";
}
