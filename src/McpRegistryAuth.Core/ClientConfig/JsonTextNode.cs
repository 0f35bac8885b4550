namespace McpRegistryAuth.Core.ClientConfig;

/// <summary>The kind of a JSON value read by <see cref="JsonTextParser"/>.</summary>
public enum JsonTextKind
{
    Object,
    Array,
    String,
    Number,
    Literal,
}

/// <summary>
/// A JSON value with the character span it occupies in the original text, so an edit can splice new text
/// in and leave every other character (comments, spacing, trailing commas) as it was.
/// </summary>
public sealed class JsonTextNode
{
    public required JsonTextKind Kind { get; init; }

    /// <summary>Index of the first character.</summary>
    public required int Start { get; init; }

    /// <summary>Index one past the last character.</summary>
    public int End { get; internal set; }

    /// <summary>The decoded value of a string.</summary>
    public string? Text { get; init; }

    public List<JsonTextMember> Members { get; } = [];

    public List<JsonTextNode> Items { get; } = [];

    /// <summary>Index one past the comma that follows the last member or item, when the text has one (JSONC).</summary>
    public int? TrailingCommaEnd { get; internal set; }

    public JsonTextMember? Member(string name) => Members.LastOrDefault(m => m.Name == name);
}

/// <summary>An object member: its name, where its key starts, and its value.</summary>
public sealed record JsonTextMember(string Name, int KeyStart, JsonTextNode Value);
