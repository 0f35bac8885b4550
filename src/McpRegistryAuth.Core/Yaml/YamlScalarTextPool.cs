namespace McpRegistryAuth.Core.Yaml;

/// <summary>
/// Hands out one string per distinct short scalar text within a load. A large configuration repeats the
/// same keys and names thousands of times; sharing them keeps the loaded tree small, which is most of
/// the cost of loading it (every surviving object is copied by the garbage collector).
/// </summary>
internal sealed class YamlScalarTextPool
{
    // Long texts (descriptions, certificates) rarely repeat; they are kept as read.
    private const int MaxSharedLength = 64;

    private readonly HashSet<string> texts = new(StringComparer.Ordinal);

    public string Share(string text)
    {
        if (text.Length > MaxSharedLength)
        {
            return text;
        }

        if (texts.TryGetValue(text, out var shared))
        {
            return shared;
        }

        texts.Add(text);
        return text;
    }
}
