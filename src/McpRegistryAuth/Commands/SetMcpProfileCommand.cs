using System.Management.Automation;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Saves named settings for Get-McpAccessToken -Profile in the user's config folder, replacing a profile of
/// the same name. A profile never holds a secret: it names the file or environment variable that does.
/// </summary>
[Cmdlet(VerbsCommon.Set, "McpProfile", SupportsShouldProcess = true)]
[OutputType(typeof(McpProfile))]
public sealed class SetMcpProfileCommand : RegistryCmdlet
{
    // Parameters are described in docs/Set-McpProfile.md, which the help is built from.
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet(nameof(OAuthProvider.Oidc), nameof(OAuthProvider.Keycloak), nameof(OAuthProvider.Okta), nameof(OAuthProvider.Auth0), nameof(OAuthProvider.Entra), nameof(OAuthProvider.Cognito))]
    public string? Provider { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), Alias("Issuer"), ValidateNotNullOrEmpty]
    public string? Authority { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? TokenEndpoint { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet(nameof(Core.OAuth.ClientAuthentication.ClientSecretBasic), nameof(Core.OAuth.ClientAuthentication.ClientSecretPost), nameof(Core.OAuth.ClientAuthentication.PrivateKeyJwt))]
    public string? ClientAuthentication { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), Alias("Scopes"), ValidateNotNullOrEmpty]
    public string[]? Scope { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), Alias("Resource"), ValidateNotNullOrEmpty]
    public string? Audience { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? RegistryUri { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet(nameof(Core.RegistryType.Gateway), nameof(Core.RegistryType.ToolHive), nameof(Core.RegistryType.ToolRegistry))]
    public string? RegistryType { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet(nameof(Core.OAuth.HeaderStyle.Auto), nameof(Core.OAuth.HeaderStyle.Authorization), nameof(Core.OAuth.HeaderStyle.XAuthorization))]
    public string? HeaderStyle { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? CaCertPath { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? ClientSecretFile { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? ClientSecretVariable { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet(nameof(TokenFlow.ClientCredentials), nameof(TokenFlow.DeviceCode), nameof(TokenFlow.AuthorizationCode))]
    public string? Flow { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ValidateRange(1, 65535)]
    public int? RedirectPort { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        // Paths are kept absolute, so the profile works from any folder.
        string? Full(string? path) => path is null ? null : ResolvePath(path);
        var profile = new McpProfile
        {
            Name = Name,
            Provider = Provider is null ? null : Enum.Parse<OAuthProvider>(Provider, ignoreCase: true),
            Authority = Authority,
            TokenEndpoint = TokenEndpoint,
            ClientId = ClientId,
            ClientAuthentication = ClientAuthentication is null ? null : Enum.Parse<Core.OAuth.ClientAuthentication>(ClientAuthentication, ignoreCase: true),
            Scopes = Scope ?? [],
            Audience = Audience,
            RegistryUri = RegistryUri,
            RegistryType = RegistryType is null ? null : Enum.Parse<RegistryType>(RegistryType, ignoreCase: true),
            HeaderStyle = HeaderStyle is null ? null : Enum.Parse<HeaderStyle>(HeaderStyle, ignoreCase: true),
            CaCertPath = Full(CaCertPath),
            ClientSecretFile = Full(ClientSecretFile),
            ClientSecretVariable = ClientSecretVariable,
            PrivateKeyPath = Full(PrivateKeyPath),
            Flow = Flow is null ? null : Enum.Parse<TokenFlow>(Flow, ignoreCase: true),
            RedirectPort = RedirectPort,
        };
        var store = new McpProfileStore(McpProfileStore.DefaultPath);
        if (!ShouldProcess(store.Path, $"Save profile '{Name}'"))
        {
            return;
        }

        RunOrStop(() => { store.Save(profile); return true; });
        WriteVerbose($"Saved profile '{Name}' in '{store.Path}'.");
        if (PassThru)
        {
            WriteObject(profile);
        }
    }
}
