namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// What nginx's generic location for a proxied entity tells /validate (release 1.32): the entity type
/// (X-Generic-Proxy-Kind) and the registered path (X-Entity-Path), both set by nginx from the location, never
/// from the client's headers; and the auth server's GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES.
/// </summary>
public sealed record GenericProxyTarget
{
    public const string KindHeader = "X-Generic-Proxy-Kind";

    public const string EntityPathHeader = "X-Entity-Path";

    public const string RequireBearerForWritesSetting = "GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES";

    public required string EntityType { get; init; }

    public required string RegisteredPath { get; init; }

    public bool RequireBearerForWrites { get; init; } = true;

    /// <summary>
    /// GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES as a pydantic settings bool (default true): 0, off, f, false, n
    /// and no (any case, spaces around ignored) turn it off.
    /// </summary>
    public static bool ReadRequireBearerForWrites(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return !environment.TryGetValue(RequireBearerForWritesSetting, out var value)
            || value.Trim().ToLowerInvariant() is not ("0" or "off" or "f" or "false" or "n" or "no");
    }

    /// <summary>The request FGAC judges for this target, a verb and how the caller authenticated.</summary>
    public GenericProxyRequest Request(string httpMethod, bool sessionCookie, bool resourceBound, GatewayRelease release) => new()
    {
        EntityType = EntityType,
        RegisteredPath = RegisteredPath,
        HttpMethod = httpMethod,
        SessionCookie = sessionCookie,
        ResourceBound = resourceBound,
        RequireBearerForWrites = RequireBearerForWrites,
        Release = release,
    };
}
