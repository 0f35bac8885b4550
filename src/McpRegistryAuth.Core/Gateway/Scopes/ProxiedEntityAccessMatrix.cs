using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// The access matrix for proxied entities (release 1.32): for every group and scope of the definitions, every
/// entity and every verb asked, whether the generic proxy's FGAC grants the verb on the entity's key. Each cell
/// is <see cref="ScopeEvaluator.Decide"/> for that one scope with the HTTP-verb rule, so the matrix and
/// Test-ScopeAccess -GenericProxyKind never disagree.
/// </summary>
public static class ProxiedEntityAccessMatrix
{
    /// <summary>The verbs shown when none are named.</summary>
    public static IReadOnlyList<string> DefaultVerbs { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The ErrorId when the release has no generic proxy.</summary>
    public const string NoGenericProxyErrorId = "GenericProxyNotInRelease";

    /// <exception cref="CommandFailureException">The release has no generic proxy (before 1.32).</exception>
    public static IEnumerable<ProxiedEntityAccessRow> Build(ScopeDefinitions definitions, IReadOnlyCollection<string>? groups, IReadOnlyList<ProxiedEntity> entities, IReadOnlyList<string>? verbs = null, GatewayRelease release = GatewayRelease.Latest)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(entities);
        EnsureGenericProxy(release);
        return Rows(definitions, groups, entities, Verbs(verbs));
    }

    /// <summary>The verbs a matrix shows: those named, upper-cased and each once, or <see cref="DefaultVerbs"/>.</summary>
    public static List<string> Verbs(IReadOnlyList<string>? verbs) =>
        (verbs is { Count: > 0 } ? verbs : DefaultVerbs).Select(v => v.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What the matrix is about to show, for -Verbose.</summary>
    public static string Describe(IReadOnlyList<ProxiedEntity> entities, IReadOnlyList<string>? verbs, GatewayRelease release)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return $"Proxied entities (release {GatewayReleases.Describe(release)}): {string.Join(", ", entities.Select(e => e.Key))}; HTTP verbs {string.Join(", ", Verbs(verbs))}. "
            + $"'*' and 'all' in methods grant no verb; an explicit verb (any case) or '{HttpVerbMethods.Wildcard}' does.";
    }

    /// <exception cref="CommandFailureException">The release has no generic proxy (before 1.32).</exception>
    public static void EnsureGenericProxy(GatewayRelease release)
    {
        if (release < GatewayRelease.V132)
        {
            throw new CommandFailureException(
                NoGenericProxyErrorId,
                FailureCategory.InvalidArgument,
                $"Release {GatewayReleases.Describe(release)} has no generic proxy: proxied entities and their HTTP-verb rules are new in release 1.32.",
                release.ToString(),
                "Use -GatewayRelease V132 (or Latest) for a gateway that proxies entities; on older releases only MCP servers are proxied (rows without -ProxiedEntity).");
        }
    }

    /// <summary>
    /// The entities named by key and those read from a proxied-entities listing, in that order, each key once.
    /// </summary>
    /// <exception cref="CommandFailureException">A name is not <c>{entity_type}/{registered_path}</c>, or there is no entity at all.</exception>
    /// <exception cref="Files.FileContentException">The listing is not the shape of GET /api/iam/proxied-entities.</exception>
    public static IReadOnlyList<ProxiedEntity> Entities(IEnumerable<string>? keys, string? listingPath)
    {
        var entities = new List<ProxiedEntity>();
        foreach (var key in keys ?? [])
        {
            try
            {
                entities.Add(ProxiedEntity.Parse(key));
            }
            catch (ArgumentException ex)
            {
                throw new CommandFailureException("InvalidProxiedEntity", FailureCategory.InvalidArgument, $"-ProxiedEntity: {ex.Message}", key, "Name each entity as its scope key, the authz_key of GET /api/iam/proxied-entities.", ex);
            }
        }

        if (listingPath is not null)
        {
            entities.AddRange(ProxiedEntityListReader.Read(listingPath));
        }

        if (entities.Count == 0)
        {
            throw new CommandFailureException("NoProxiedEntity", FailureCategory.InvalidData, listingPath is null ? "No proxied entity was named." : $"'{listingPath}' lists no proxied entity.", listingPath,
                "Name entities with -ProxiedEntity skill/skills/pdf, or save GET /api/iam/proxied-entities from a gateway that proxies some.");
        }

        return entities.DistinctBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<ProxiedEntityAccessRow> Rows(ScopeDefinitions definitions, IReadOnlyCollection<string>? groups, IReadOnlyList<ProxiedEntity> entities, List<string> verbs)
    {
        foreach (var (group, scopeName) in ScopeAccessMatrix.GroupScopes(definitions, groups))
        {
            if (definitions.Find(scopeName) is null)
            {
                continue;
            }

            foreach (var entity in entities)
            {
                foreach (var verb in verbs)
                {
                    yield return Cell(definitions, group, scopeName, entity, verb);
                }
            }
        }
    }

    private static ProxiedEntityAccessRow Cell(ScopeDefinitions definitions, string group, string scope, ProxiedEntity entity, string verb)
    {
        var decision = ScopeEvaluator.Decide(definitions, [scope], entity.Key, verb, null, isHttpVerb: true);
        var deciding = decision.Checks.LastOrDefault(c => c.Name != ScopeCheckNames.FgacDecision);
        var reason = deciding?.Observed ?? "no rule grants it";
        var by = decision.Grant is { } grant
            ? grant.Branch == ScopeGrantBranch.HttpVerbWildcard ? HttpVerbMethods.Wildcard : verb
            : decision.Failure is not null ? "error" : null;
        return new ProxiedEntityAccessRow
        {
            Group = group,
            Scope = scope,
            Entity = entity.Key,
            EntityType = entity.EntityType,
            Verb = verb,
            Granted = decision.Allowed,
            Rule = decision.Grant?.RuleIndex ?? decision.Failure?.RuleIndex,
            By = by,
            Reason = reason,
            File = decision.Grant?.File ?? decision.Failure?.File,
            Line = decision.Grant?.Line ?? decision.Failure?.Line,
        };
    }
}
