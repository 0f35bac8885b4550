namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// A request the gateway's generic proxy authorizes (release 1.32): the client calls
/// <c>/{entity_type}/{path}</c>, nginx sends the entity type in <c>X-Generic-Proxy-Kind</c>, and FGAC checks
/// the key <c>{entity_type}/{registered_path}</c> with the upper-cased HTTP verb as the method.
/// </summary>
public sealed record GenericProxyRequest
{
    public required string EntityType { get; init; }

    /// <summary>The entity's registered path; slashes around it are not part of the key.</summary>
    public required string RegisteredPath { get; init; }

    public required string HttpMethod { get; init; }

    /// <summary>The caller authenticates with the gateway's session cookie rather than a bearer token.</summary>
    public bool SessionCookie { get; init; }

    /// <summary>The token is bound to one resource (resource_type/resource_id claims).</summary>
    public bool ResourceBound { get; init; }

    /// <summary>GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES (default true): refuse cookie-authenticated writes.</summary>
    public bool RequireBearerForWrites { get; init; } = true;

    public GatewayRelease Release { get; init; } = GatewayRelease.Latest;

    /// <summary>The scope key: <c>{entity_type}/{registered_path}</c> (see <see cref="ProxiedEntity.KeyOf"/>).</summary>
    public string ScopeKey => ProxiedEntity.KeyOf(EntityType, RegisteredPath);

    /// <summary>The verb as /validate compares it: upper-cased.</summary>
    public string Verb => HttpMethod.ToUpperInvariant();
}
