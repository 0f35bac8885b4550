using System.Text;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>A registry's answer, read whole: status, every header as received, and the body bytes.</summary>
public sealed record RegistryApiResponse
{
    public required int Status { get; init; }

    public string? ReasonPhrase { get; init; }

    public required string Method { get; init; }

    /// <summary>The URL that answered (after redirects).</summary>
    public required Uri Uri { get; init; }

    /// <summary>Response and content headers, each with every value as received (two Content-Type lines stay two values).</summary>
    public required IReadOnlyList<KeyValuePair<string, string[]>> Headers { get; init; }

    public required byte[] Body { get; init; }

    /// <summary>Requests made for this answer, retries and redirects included.</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>False when a redirect to another origin made the last request go without the token.</summary>
    public bool TokenSent { get; init; }

    public bool IsSuccess => Status is >= 200 and < 300;

    public string[] HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).ToArray();

    /// <summary>The media type of the last Content-Type value, lower-case, without parameters.</summary>
    public string? MediaType => HeaderValues("Content-Type") is { Length: > 0 } values
        ? values[^1].Split(';')[0].Trim().ToLowerInvariant()
        : null;

    /// <summary>True when the body is JSON by its content type, or looks like JSON when the type is missing or wrong (the gateway's old 401).</summary>
    public bool LooksLikeJson
    {
        get
        {
            if (MediaType is { } type && (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal))) return true;
            var first = Body.AsSpan().TrimStart(" \t\r\n"u8);
            return first.Length > 0 && (first[0] == (byte)'{' || first[0] == (byte)'[');
        }
    }

    public string BodyText => Encoding.UTF8.GetString(Body);
}
