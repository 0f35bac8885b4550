namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// One request of Test-RegistryToken as the user describes it: the token (given or read from a token file),
/// the URL, the headers exactly as the client sends them, the body and the instant the server evaluates it.
/// Each server family turns it into its own request (see GatewayTokenTest, ToolHiveTokenTest, ToolRegistryTokenTest).
/// </summary>
public sealed record TokenTestRequest
{
    /// <summary>The token given with -Token or read from -TokenFile.</summary>
    public Secret? Token { get; init; }

    /// <summary>Checks made while reading the token file; every verdict starts with them.</summary>
    public IReadOnlyList<Check> TokenFileChecks { get; init; } = [];

    /// <summary>The URL the client calls.</summary>
    public Uri? Uri { get; init; }

    /// <summary>Headers as the client sends them; names are compared case-insensitively, the last of a name wins.</summary>
    public IReadOnlyList<KeyValuePair<string, Secret>> Headers { get; init; } = [];

    public string? Body { get; init; }

    /// <summary>True when the client sends characters outside ASCII in the URL as raw UTF-8 bytes, not percent-encoded.</summary>
    public bool RawUrlBytes { get; init; }

    /// <summary>The client's HTTP method; null for POST when a body is sent, otherwise GET.</summary>
    public string? HttpMethod { get; init; }

    /// <summary>The gateway's generic proxy (release 1.32): the entity type nginx sends in X-Generic-Proxy-Kind; null for any other request.</summary>
    public string? GenericProxyKind { get; init; }

    /// <summary>With <see cref="GenericProxyKind"/>: the entity's registered path, which nginx sends in X-Entity-Path.</summary>
    public string? EntityPath { get; init; }

    /// <summary>The instant the server evaluates the token (see <see cref="EvaluationInstant"/>).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The value of a header the client sends explicitly, or null when it sends none of that name.</summary>
    public Secret? Header(string name) =>
        Headers.LastOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the token or a header value holds a character no
    /// server receives intact (a NUL, a line break inside the value): every server family judges it
    /// the same way, before auth, so no verdict is made up for it.
    /// </summary>
    public void EnsureSendable()
    {
        if (Token is not null)
        {
            Gateway.BearerTokenInput.Validate(Token.Reveal(), "Token");
        }

        foreach (var (name, value) in Headers)
        {
            Gateway.BearerTokenInput.ValidateHeaderValue(name, value.Reveal());
        }
    }

    /// <summary>The verdict with the token file's checks first: they happened before the request was sent.</summary>
    public Verdict WithTokenFileChecks(Verdict verdict) =>
        TokenFileChecks.Count == 0 ? verdict : verdict with { Checks = [.. TokenFileChecks, .. verdict.Checks] };
}
