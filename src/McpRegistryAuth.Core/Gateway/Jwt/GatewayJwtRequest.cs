namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>The parts of a /validate subrequest the JWT stage reads: the client's headers and nginx's X-Original-URL.</summary>
public sealed record GatewayJwtRequest
{
    /// <summary>Request headers; names compare case-insensitively as HTTP header names do.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The URL the client requested (nginx passes it as X-Original-URL); only its path is used.</summary>
    public string? OriginalUrl { get; init; }

    internal string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return value;
        }

        return null;
    }
}
