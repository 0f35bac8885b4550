using System.Collections;
using System.Management.Automation;
using McpRegistryAuth.Core.RegistryTasks;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Registers an MCP server in the gateway (POST /api/servers/register, a form as the gateway reads it), then
/// reads it back and writes it, ready to pipe into Add-RegistryGroupMember or Export-McpClientConfig.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "RegistryServer", SupportsShouldProcess = true)]
[OutputType(typeof(RegistryServer))]
public sealed class RegisterRegistryServerCommand : RegistryTaskCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), Alias("server_name"), ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true), Alias("proxy_pass_url"), ValidateNotNullOrEmpty]
    public string ProxyPassUrl { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), Alias("Tags")]
    public string[] Tag { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true), Alias("num_tools"), ValidateRange(0, int.MaxValue)]
    public int? ToolCount { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? License { get; set; }

    [Parameter, ValidateSet("streamable-http", "sse", "stdio")]
    public string[] Transport { get; set; } = [];

    [Parameter(ValueFromPipelineByPropertyName = true), Alias("mcp_endpoint")]
    public string? McpEndpoint { get; set; }

    /// <summary>Other form fields of the gateway's register route, sent as given.</summary>
    [Parameter]
    public Hashtable? Field { get; set; }

    /// <summary>Replaces a server already registered at this path (the form's overwrite field).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var registration = new ServerRegistration
        {
            Name = Name, Path = Path, ProxyPassUrl = ProxyPassUrl, Description = Description, Tags = Tag, ToolCount = ToolCount,
            License = License, Transports = Transport, McpEndpoint = McpEndpoint, Overwrite = Force, AdditionalFields = Field,
        };
        var request = RunOrStop(() => ServerTaskRequests.Register(registration));
        var invoker = Open(request);
        if (!Confirm(invoker, request.Action) || Send(invoker) is null) return;
        Verbose($"registered {ServerPath.Normalize(Path)}; reading it back");
        if (ReadServer(Path) is { } server) WriteObject(server);
    }
}
