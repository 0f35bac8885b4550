using System.Management.Automation;
using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Commands;

/// <summary>Get-McpAccessToken's parameters for getting a token as a user (-Flow DeviceCode or AuthorizationCode).</summary>
public sealed partial class GetMcpAccessTokenCommand
{
    [Parameter, ValidateSet(nameof(TokenFlow.ClientCredentials), nameof(TokenFlow.DeviceCode), nameof(TokenFlow.AuthorizationCode))]
    public string? Flow { get; set; }

    [Parameter, ValidateRange(1, 65535)]
    public int RedirectPort { get; set; }

    [Parameter]
    public SwitchParameter NoBrowser { get; set; }

    [Parameter, ValidateRange(1, 3600)]
    public int SignInTimeoutSec { get; set; }
}
