using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>One call of a registry API: what to send, with which token in which header, and the limits of the call.</summary>
public sealed record RegistryApiRequest
{
    public required string Method { get; init; }

    /// <summary>Absolute http or https URL, query included.</summary>
    public required Uri Uri { get; init; }

    public EncodedBody? Body { get; init; }

    public Secret? Token { get; init; }

    /// <summary>Authorization or X-Authorization, by <see cref="TokenHeaderRule"/>.</summary>
    public string HeaderName { get; init; } = TokenHeaderRule.Authorization;

    /// <summary>Other request headers (If-Match, Accept); never the token.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Per attempt: the request and reading its body.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Lets the token go over plain http to a host that is not loopback.</summary>
    public bool AllowUnencryptedAuthentication { get; init; }
}
