using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Requests;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Turns Test-RegistryToken's -GenericProxyKind and -EntityPath into the markers nginx's generic location gives
/// /validate, and says where a request's generic-proxy inputs have no effect.
/// </summary>
public static class GenericProxyTargets
{
    /// <summary>The ErrorId when -GenericProxyKind comes without the entity's registered path, or the path without the kind.</summary>
    public const string IncompleteErrorId = "GenericProxyTargetIncomplete";

    /// <exception cref="CommandFailureException">Only one of the entity type and the registered path is given.</exception>
    public static GenericProxyTarget? From(TokenTestRequest request, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(environment);
        var kind = request.GenericProxyKind?.Trim();
        var path = request.EntityPath?.Trim().Trim('/');
        if (string.IsNullOrEmpty(kind) && string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(path))
        {
            // The client URL does not name the entity reliably (GATEWAY_PROXY_PREFIX, a stripped namespace, sub-paths), so both are asked for.
            throw new CommandFailureException(
                IncompleteErrorId,
                FailureCategory.InvalidArgument,
                string.IsNullOrEmpty(kind) ? "-EntityPath needs -GenericProxyKind, the entity type nginx sends in X-Generic-Proxy-Kind." : "-GenericProxyKind needs -EntityPath, the entity's registered path that nginx sends in X-Entity-Path.",
                kind ?? path,
                "Give both, as GET /api/iam/proxied-entities lists them: -GenericProxyKind skill -EntityPath skills/pdf (the scope key is skill/skills/pdf).");
        }

        return new GenericProxyTarget { EntityType = kind, RegisteredPath = path, RequireBearerForWrites = GenericProxyTarget.ReadRequireBearerForWrites(environment) };
    }

    /// <summary>The verdict with a warning where a generic-proxy input has no effect: a client's own marker header, or a release without the generic proxy.</summary>
    public static Verdict Annotate(Verdict verdict, GatewayRequest request, GatewayRelease release)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<string>();
        if (request.Header(GenericProxyTarget.KindHeader) is not null || request.Header(GenericProxyTarget.EntityPathHeader) is not null)
        {
            warnings.Add($"nginx sets {GenericProxyTarget.KindHeader} and {GenericProxyTarget.EntityPathHeader} for /validate from the location it serves and replaces a client's own: the header sent has no effect. Give -GenericProxyKind and -EntityPath for a proxied entity's route.");
        }

        if (request.GenericProxy is { } target && release < GatewayRelease.V132)
        {
            warnings.Add($"Release {GatewayReleases.Describe(release)} has no generic proxy: '{ProxiedEntity.KeyOf(target.EntityType, target.RegisteredPath)}' was not judged by the 1.32 HTTP-verb rules; the request was evaluated as on any other path of that release.");
        }

        return warnings.Count == 0 ? verdict : verdict with { Warnings = [.. verdict.Warnings, .. warnings] };
    }
}
