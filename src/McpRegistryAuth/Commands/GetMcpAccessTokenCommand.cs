using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Internal;
using McpRegistryAuth.Output;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Gets an access token: as the client (client credentials, through MSAL or a plain token endpoint) or as a
/// user (-Flow DeviceCode or AuthorizationCode, renewed with a cached refresh token), from the user's token
/// cache when it holds one; returns it as a token object (SecureString), or with -AsPlainText as the token,
/// header line or header JSON. The sign-in parameters of the user flows are in GetMcpAccessTokenCommand.UserFlow.cs;
/// the gateway's token sources, its mint and Kubernetes service-account tokens in GetMcpAccessTokenCommand.Sources.cs.
/// </summary>
[Cmdlet(VerbsCommon.Get, "McpAccessToken", DefaultParameterSetName = SecretSet)]
[OutputType(typeof(McpAccessToken), typeof(string))]
public sealed partial class GetMcpAccessTokenCommand : RegistryCmdlet
{
    private const string SecretSet = "ClientSecret";
    private const string CredentialSet = "Credential";
    private const string SecretFileSet = "ClientSecretFile";
    private const string CertificateSet = "ClientCertificate";
    private const string KeySet = "PrivateKey";

    // Parameters are described in docs/Get-McpAccessToken.md, which the help is built from.
    [Parameter(Position = 0), Alias("Issuer"), ValidateNotNullOrEmpty]
    public string? Authority { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? TokenEndpoint { get; set; }

    [Parameter, ValidateSet(nameof(OAuthProvider.Oidc), nameof(OAuthProvider.Keycloak), nameof(OAuthProvider.Okta), nameof(OAuthProvider.Auth0), nameof(OAuthProvider.Entra), nameof(OAuthProvider.Cognito))]
    public string? Provider { get; set; }

    [Parameter(ParameterSetName = SecretSet)]
    [Parameter(ParameterSetName = SecretFileSet)]
    [Parameter(ParameterSetName = CertificateSet)]
    [Parameter(ParameterSetName = KeySet)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter(ParameterSetName = SecretSet)]
    public SecureString? ClientSecret { get; set; }

    [Parameter(ParameterSetName = CredentialSet, Mandatory = true), Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(ParameterSetName = SecretFileSet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? ClientSecretFile { get; set; }

    [Parameter(ParameterSetName = SecretSet), Parameter(ParameterSetName = CredentialSet), Parameter(ParameterSetName = SecretFileSet)]
    [ValidateSet(nameof(Core.OAuth.ClientAuthentication.ClientSecretBasic), nameof(Core.OAuth.ClientAuthentication.ClientSecretPost))]
    public string? ClientAuthentication { get; set; }

    [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
    public X509Certificate2? ClientCertificate { get; set; }

    [Parameter(ParameterSetName = KeySet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? PrivateKeyPath { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string[]? Scope { get; set; }

    [Parameter, Alias("Resource"), ValidateNotNullOrEmpty]
    public string? Audience { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? Profile { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? CaCertPath { get; set; }

    [Parameter, ValidateRange(1, 600)]
    public int TimeoutSec { get; set; } = 30;

    [Parameter]
    public SwitchParameter ForceRefresh { get; set; }

    [Parameter]
    public SwitchParameter NoCache { get; set; }

    [Parameter, ValidateRange(0, 86400)]
    public int RefreshMarginSec { get; set; } = 300;

    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    [Parameter, ValidateSet("Token", "Header", "HeaderJson")]
    public string As { get; set; } = "Token";

    [Parameter, ValidateNotNullOrEmpty]
    public string? RegistryUri { get; set; }

    [Parameter, ValidateSet(nameof(Core.RegistryType.Gateway), nameof(Core.RegistryType.ToolHive), nameof(Core.RegistryType.ToolRegistry))]
    public string? RegistryType { get; set; }

    protected override void EndProcessing()
    {
        if (As != "Token" && !AsPlainText)
        {
            ThrowTerminatingError(NewError(new ArgumentException($"-As {As} returns the token in plain text: add -AsPlainText."), "AsPlainTextRequired", ErrorCategory.InvalidArgument, As));
        }

        if (FromOtherSource() is { } other)
        {
            WriteToken(other.Result, other.HeaderName);
            return;
        }

        using var signingKey = ClientCertificate is null ? null : RunOrStop(() => ClientSigningKey.FromCertificate(ClientCertificate));
        var profile = Profile is null ? null : RunOrStop(() => new McpProfileStore(McpProfileStore.DefaultPath).Get(Profile));
        var given = new TokenParameters
        {
            Authority = Authority, TokenEndpoint = TokenEndpoint, Provider = Provider,
            ClientId = Credential?.UserName ?? ClientId,
            ClientSecret = (Credential?.Password ?? ClientSecret) is { } secure ? SecureStrings.ToSecret(secure) : null,
            ClientSecretFile = ClientSecretFile, SigningKey = signingKey, PrivateKeyPath = PrivateKeyPath, ClientAuthentication = ClientAuthentication,
            Scopes = Scope, Audience = Audience, CaCertPath = CaCertPath, Timeout = TimeSpan.FromSeconds(TimeoutSec),
            ForceRefresh = ForceRefresh, NoCache = NoCache, RefreshMargin = TimeSpan.FromSeconds(RefreshMarginSec),
            RegistryUri = RegistryUri, RegistryType = RegistryType,
            Flow = Flow, RedirectPort = MyInvocation.BoundParameters.ContainsKey(nameof(RedirectPort)) ? RedirectPort : null, NoBrowser = NoBrowser,
            SignInTimeout = MyInvocation.BoundParameters.ContainsKey(nameof(SignInTimeoutSec)) ? TimeSpan.FromSeconds(SignInTimeoutSec) : null,
        };
        // The device code and the sign-in URL are written as warnings, on this thread, while the core waits.
        var (result, headerName) = RunAsyncOrStop((log, cancel) => TokenAcquisition.GetAsync(given, profile, ResolvePath, log, cancel));
        WriteToken(result, headerName);
    }

    private void WriteToken(AccessTokenResult result, string headerName)
    {
        WriteObject(!AsPlainText ? RunOrStop(() => McpAccessToken.From(result)) : As switch
        {
            "Header" => TokenHeaderRule.HeaderLine(headerName, result.Token),
            "HeaderJson" => TokenHeaderRule.HeaderJson(headerName, result.Token),
            _ => result.Token.Reveal(),
        });
    }
}
