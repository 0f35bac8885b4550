using System.Management.Automation;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Commands;

/// <summary>Get-ScopeAccessMatrix's rows for proxied entities: HTTP verbs on the generic proxy's routes (release 1.32).</summary>
public sealed partial class GetScopeAccessMatrixCommand
{
    private const string ProxiedSet = "ProxiedEntity";
    private const string ProxiedFileSet = "ProxiedEntityFile";

    private IReadOnlyList<ProxiedEntity>? entities;

    /// <summary>Proxied entities by scope key, {entity_type}/{registered_path} (the authz_key of GET /api/iam/proxied-entities).</summary>
    [Parameter(ParameterSetName = ProxiedSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[] ProxiedEntity { get; set; } = [];

    /// <summary>The body of GET /api/iam/proxied-entities saved to a file.</summary>
    [Parameter(ParameterSetName = ProxiedSet)]
    [Parameter(ParameterSetName = ProxiedFileSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? ProxiedEntitiesPath { get; set; }

    /// <summary>The HTTP verbs shown for each entity; GET, POST, PUT, PATCH and DELETE when not given.</summary>
    [Parameter(ParameterSetName = ProxiedSet)]
    [Parameter(ParameterSetName = ProxiedFileSet)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")]
    public string[]? HttpMethod { get; set; }

    /// <summary>The gateway release: only 1.32 (V132, Latest) has the generic proxy.</summary>
    [Parameter(ParameterSetName = ProxiedSet)]
    [Parameter(ParameterSetName = ProxiedFileSet)]
    [ValidateSet(nameof(Core.Gateway.GatewayRelease.Latest), nameof(Core.Gateway.GatewayRelease.V124), nameof(Core.Gateway.GatewayRelease.V130), nameof(Core.Gateway.GatewayRelease.V132))]
    public string GatewayRelease { get; set; } = nameof(Core.Gateway.GatewayRelease.Latest);

    private void BeginProxiedEntities()
    {
        if (ParameterSetName == DefaultSet)
        {
            return;
        }

        entities = RunOrStop(() =>
        {
            ProxiedEntityAccessMatrix.EnsureGenericProxy(GatewayReleases.Parse(GatewayRelease));
            return ProxiedEntityAccessMatrix.Entities(MyInvocation.BoundParameters.ContainsKey(nameof(ProxiedEntity)) ? ProxiedEntity : null, ProxiedEntitiesPath is null ? null : ResolvePath(ProxiedEntitiesPath));
        });
        WriteVerbose(ProxiedEntityAccessMatrix.Describe(entities, HttpMethod, GatewayReleases.Parse(GatewayRelease)));
    }

    private IEnumerable<object> ProxiedRows(ScopeDefinitions definitions, List<string> groups) =>
        ProxiedEntityAccessMatrix.Build(definitions, groups, entities!, HttpMethod, GatewayReleases.Parse(GatewayRelease));
}
