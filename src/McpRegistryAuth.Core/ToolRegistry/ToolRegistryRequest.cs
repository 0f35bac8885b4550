namespace McpRegistryAuth.Core.ToolRegistry;

/// <summary>
/// One request to a toolregistry-server OpenAPI server, as far as its authentication sees it.
/// </summary>
public sealed record ToolRegistryRequest
{
    /// <summary>The bearer credential; null when the request has no Authorization header.</summary>
    public Secret? Token { get; init; }

    /// <summary>The Authorization scheme sent with <see cref="Token"/>; FastAPI compares it case-insensitively with "bearer".</summary>
    public string Scheme { get; init; } = "Bearer";

    /// <summary>The request path; <c>/tools</c> (the tool list) when the caller named no URI.</summary>
    public string Path { get; init; } = "/tools";

    /// <summary>True when the request carries If-None-Match (the ETag middleware may answer 304 before auth).</summary>
    public bool SendsIfNoneMatch { get; init; }

    /// <summary>The server's FastAPI version; null gives both answers where it matters (missing or malformed header).</summary>
    public Version? FastApiVersion { get; init; }

    /// <summary>Splits a whole Authorization header value the way FastAPI does: scheme, first space, credential.</summary>
    public static ToolRegistryRequest FromAuthorizationHeader(Secret header, string path = "/tools")
    {
        ArgumentNullException.ThrowIfNull(header);
        var value = header.Reveal();
        var space = value.IndexOf(' ');
        return space < 0
            ? new ToolRegistryRequest { Scheme = value, Token = new Secret(""), Path = path }
            : new ToolRegistryRequest { Scheme = value[..space], Token = new Secret(value[(space + 1)..]), Path = path };
    }
}
