using System.Management.Automation;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Commands;

/// <summary>Test-ScopeAccess's release-dependent inputs: the gateway's generic proxy (release 1.32, X-Generic-Proxy-Kind) and per-tool blocks (1.31).</summary>
public sealed partial class TestScopeAccessCommand
{
    private const string GenericProxySet = "GenericProxy";

    /// <summary>The entity type nginx sends in X-Generic-Proxy-Kind; with -Server (the registered path) it forms the scope key.</summary>
    [Parameter(ParameterSetName = GenericProxySet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EntityType")]
    [ValidateNotNullOrEmpty]
    public string GenericProxyKind { get; set; } = "";

    /// <summary>The caller authenticates with the gateway's session cookie, not a bearer token.</summary>
    [Parameter(ParameterSetName = GenericProxySet)]
    public SwitchParameter SessionCookie { get; set; }

    /// <summary>The token is bound to one resource (resource_type/resource_id claims).</summary>
    [Parameter(ParameterSetName = GenericProxySet)]
    public SwitchParameter ResourceBound { get; set; }

    /// <summary>GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES=false: the session cookie may send state-changing verbs.</summary>
    [Parameter(ParameterSetName = GenericProxySet)]
    public SwitchParameter AllowCookieWrites { get; set; }

    /// <summary>Tools of the server an operator has blocked (release 1.31 and later): a block overrides every grant.</summary>
    [Parameter(ParameterSetName = ServerSet)]
    [Parameter(ParameterSetName = RequestSet)]
    [ValidateNotNull]
    public string[]? BlockedTool { get; set; }

    /// <summary>The release whose rules apply: the generic proxy is new in 1.32 and per-tool blocks in 1.31 (V132, Latest); V130 and V124 have neither.</summary>
    [Parameter]
    [ValidateSet(nameof(Core.Gateway.GatewayRelease.Latest), nameof(Core.Gateway.GatewayRelease.V124), nameof(Core.Gateway.GatewayRelease.V130), nameof(Core.Gateway.GatewayRelease.V132))]
    public string GatewayRelease { get; set; } = nameof(Core.Gateway.GatewayRelease.Latest);

    private ScopeAccessResult ApplyToolBlocks(ScopeAccessResult result) => ToolBlocks.Apply(result, BlockedTool, GatewayReleases.Parse(GatewayRelease));

    private ScopeAccessResult TestGenericProxy(ScopeDefinitions definitions, EffectiveScopes scopes) =>
        GenericProxyAccess.Test(definitions, scopes, new GenericProxyRequest
        {
            EntityType = GenericProxyKind,
            RegisteredPath = Server,
            HttpMethod = HttpMethod!,
            SessionCookie = SessionCookie,
            ResourceBound = ResourceBound,
            RequireBearerForWrites = !AllowCookieWrites,
            Release = GatewayReleases.Parse(GatewayRelease),
        });
}
