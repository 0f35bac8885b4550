using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>One provider's answer: accepted, or the error ToolHive logs at DEBUG (<c>Provider failed to validate token provider=… error=…</c>).</summary>
public sealed record ToolHiveProviderOutcome
{
    public required string Provider { get; init; }

    public bool Accepted { get; init; }

    /// <summary>The <c>error=</c> text of the DEBUG line, as the server words it.</summary>
    public string? Error { get; init; }

    /// <summary>True when the token took the introspection path (a malformed JWT counts as opaque).</summary>
    public bool Introspected { get; init; }

    /// <summary>True when a step could not be evaluated (Google tokeninfo, no HTTP client): the outcome is not the server's.</summary>
    public bool NotEvaluated { get; init; }

    /// <summary>True when the introspection request got no HTTP answer (network, TLS, time-out): its fetch can be diagnosed step by step.</summary>
    public bool IntrospectionUnanswered { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = Array.Empty<Check>();

    public IReadOnlyList<string> Hints { get; init; } = Array.Empty<string>();

    /// <summary>The claims the server keeps (for introspection only exp, sub, aud, scope and iss).</summary>
    public IReadOnlyDictionary<string, object?> Claims { get; init; } = new Dictionary<string, object?>();
}
