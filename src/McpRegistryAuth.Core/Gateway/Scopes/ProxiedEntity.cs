namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// An entity the gateway's generic proxy serves (release 1.32): its entity type (<c>skill</c>, <c>a2a_agent</c>,
/// a custom type) and its registered path. FGAC checks the key <c>{entity_type}/{registered_path}</c>, as
/// <c>GET /api/iam/proxied-entities</c> lists it in <c>authz_key</c> (for the skill at <c>/skills/pdf</c>:
/// <c>skill/skills/pdf</c>).
/// </summary>
public sealed record ProxiedEntity
{
    public required string EntityType { get; init; }

    /// <summary>The registered path without the slashes around it (nginx strips them before it sets X-Entity-Path).</summary>
    public required string RegisteredPath { get; init; }

    /// <summary>The entity's display name when the listing gives one.</summary>
    public string? Name { get; init; }

    /// <summary>The scope key FGAC checks.</summary>
    public string Key => KeyOf(EntityType, RegisteredPath);

    /// <summary>
    /// <c>f"{kind}/{entity_path}".strip("/")</c>, where nginx already stripped the registered path
    /// (registry/core/nginx_service.py _create_generic_proxy_block sets $entity_path to path.strip("/");
    /// the auth server's metrics test test_key_matches_the_validate_expression checks the same expression).
    /// </summary>
    public static string KeyOf(string entityType, string registeredPath)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(registeredPath);
        return $"{entityType}/{registeredPath.Trim('/')}".Trim('/');
    }

    /// <summary>
    /// An entity named by its key, <c>{entity_type}/{registered_path}</c>: the first segment is the entity type,
    /// the rest the registered path (<c>skill/skills/pdf</c>, <c>a2a_agent/agents/travel</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The key has no entity type or no path.</exception>
    public static ProxiedEntity Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.Trim().Trim('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || trimmed[(slash + 1)..].Trim('/').Length == 0)
        {
            throw new ArgumentException($"Proxied entity '{key}' is not '{{entity_type}}/{{registered_path}}': name it as the scope key, such as 'skill/skills/pdf' or 'a2a_agent/agents/travel'.", nameof(key));
        }

        return new ProxiedEntity { EntityType = trimmed[..slash], RegisteredPath = trimmed[(slash + 1)..].Trim('/') };
    }
}
