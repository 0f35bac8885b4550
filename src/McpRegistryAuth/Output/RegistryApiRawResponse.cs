namespace McpRegistryAuth.Output;

/// <summary>Invoke-RegistryApi -Raw: the answer as it came (token fields of a JSON body masked unless -AsPlainText).</summary>
public sealed class RegistryApiRawResponse
{
    public int StatusCode { get; init; }

    public string? ReasonPhrase { get; init; }

    public string Method { get; init; } = "";

    public Uri? Uri { get; init; }

    /// <summary>Every header with every value as received.</summary>
    public Dictionary<string, string[]> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public string Body { get; init; } = "";

    /// <summary>Requests made, retries and redirects included.</summary>
    public int Attempts { get; init; }

    public override string ToString() => $"{StatusCode} {ReasonPhrase}";
}
