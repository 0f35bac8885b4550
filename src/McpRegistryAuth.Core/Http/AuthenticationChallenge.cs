namespace McpRegistryAuth.Core.Http;

/// <summary>
/// One challenge of a <c>WWW-Authenticate</c> header (RFC 6750 §3 / RFC 9110 §11.6.1): the scheme
/// and its auth-params, with the RFC 6750 and RFC 9728 parameters surfaced by name.
/// </summary>
public sealed record AuthenticationChallenge
{
    public required string Scheme { get; init; }

    /// <summary>Every auth-param as sent (names lower-cased; values unquoted and unescaped).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>A token68 value (e.g. <c>Basic abc==</c>), when the challenge has one instead of parameters.</summary>
    public string? Token68 { get; init; }

    public string? Realm => Get("realm");

    public string? Error => Get("error");

    public string? ErrorDescription => Get("error_description");

    public string? ErrorUri => Get("error_uri");

    /// <summary>Space-delimited scopes the resource asks for.</summary>
    public string? Scope => Get("scope");

    /// <summary>RFC 9728 §5.1: the URL of the protected-resource metadata.</summary>
    public string? ResourceMetadata => Get("resource_metadata");

    /// <summary>Problems with the syntax (duplicate parameters, unterminated quotes).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public bool IsBearer => string.Equals(Scheme, "Bearer", StringComparison.OrdinalIgnoreCase);

    private string? Get(string name) => Parameters.TryGetValue(name, out var v) ? v : null;
}
