namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// A rule's <c>methods</c> or <c>tools</c> value prepared for fast membership tests with the same
/// outcome as <see cref="DefinitionValue.Contains"/>: exact names (list items or mapping keys), a
/// substring test (string), or an error (None, numbers, booleans).
/// </summary>
internal sealed class CompiledField
{
    private const int LinearScanLimit = 8;

    private readonly string[] names;
    private readonly HashSet<string>? nameSet;
    private readonly string? text;

    public CompiledField(DefinitionValue? value)
    {
        names = Array.Empty<string>();
        if (value is null)
        {
            return;
        }

        switch (value.Kind)
        {
            case DefinitionValueKind.List:
                var items = value.Items;
                var strings = 0;
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i].Kind == DefinitionValueKind.String)
                    {
                        strings++;
                    }
                }

                names = new string[strings];
                strings = 0;
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i].Kind == DefinitionValueKind.String)
                    {
                        names[strings++] = items[i].Text!;
                    }
                }

                break;
            case DefinitionValueKind.Mapping:
                names = new string[value.Entries.Count];
                for (var i = 0; i < names.Length; i++)
                {
                    names[i] = value.Entries[i].Key;
                }

                break;
            case DefinitionValueKind.String:
                text = value.Text!;
                break;
            default:
                IsError = true;
                return;
        }

        if (names.Length > LinearScanLimit)
        {
            nameSet = new HashSet<string>(names, StringComparer.Ordinal);
        }

        HasWildcard = Contains("all") || Contains("*");
    }

    /// <summary>True when a membership test raises in Python.</summary>
    public bool IsError { get; }

    /// <summary><c>"all" in value or "*" in value</c>.</summary>
    public bool HasWildcard { get; }

    public bool IsString => text is not null;

    public bool Contains(string needle)
    {
        if (text is not null)
        {
            return Python.PythonText.Contains(text, needle);
        }

        if (nameSet is not null)
        {
            return nameSet.Contains(needle);
        }

        foreach (var name in names)
        {
            if (string.Equals(name, needle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
