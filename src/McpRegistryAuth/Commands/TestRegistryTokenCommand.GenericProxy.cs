using System.Management.Automation;
using McpRegistryAuth.Core.Requests;

namespace McpRegistryAuth.Commands;

/// <summary>Test-RegistryToken's request method and the gateway's generic-proxy route (release 1.32) it may address.</summary>
public sealed partial class TestRegistryTokenCommand
{
    /// <summary>The client's HTTP method; POST when -Body is given, otherwise GET. On a proxied entity's route, the verb FGAC checks.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")]
    public string? HttpMethod { get; set; }

    /// <summary>The entity type nginx's generic location sends in X-Generic-Proxy-Kind (skill, a2a_agent, a custom type).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? GenericProxyKind { get; set; }

    /// <summary>With -GenericProxyKind: the entity's registered path (X-Entity-Path), such as skills/pdf.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? EntityPath { get; set; }

    private TokenTestRequest WithRequestTarget(TokenTestRequest request) =>
        request with { HttpMethod = HttpMethod, GenericProxyKind = GenericProxyKind, EntityPath = EntityPath };
}
