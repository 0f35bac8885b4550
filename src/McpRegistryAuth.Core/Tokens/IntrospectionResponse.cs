namespace McpRegistryAuth.Core.Tokens;

/// <summary>An RFC 7662 introspection answer: <c>active</c> and every member the IdP returned.</summary>
public sealed record IntrospectionResponse
{
    public int? Status { get; init; }

    /// <summary>True only when <c>active</c> is JSON <c>true</c>.</summary>
    public bool Active { get; init; }

    /// <summary>All members as returned; servers keep only some (ToolHive: exp, sub, aud, scope, iss).</summary>
    public JsonObjectView Members { get; init; } = JsonObjectView.Empty;

    /// <summary>Why the call failed (transport, 401, other status, not JSON); null on a 200 JSON answer.</summary>
    public string? Error { get; init; }

    /// <summary>The module did not send the token where the server would (plain http, another origin): Error says where.</summary>
    public bool NotSent { get; init; }
}
