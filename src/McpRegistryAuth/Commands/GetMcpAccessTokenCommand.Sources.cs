using System.Management.Automation;
using McpRegistryAuth.Core.Gateway.TokenFiles;
using McpRegistryAuth.Core.Gateway.TokenMint;
using McpRegistryAuth.Core.Kubernetes;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Internal;
using GatewayToolName = McpRegistryAuth.Core.Gateway.TokenFiles.GatewayTool;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Get-McpAccessToken's sources other than an OAuth provider: the token a gateway tool would send (its
/// variables and token files, in its order), a token minted by the gateway registry's
/// POST /api/tokens/generate with the caller's token, and a Kubernetes projected service-account token.
/// </summary>
public sealed partial class GetMcpAccessTokenCommand
{
    private const string GatewaySet = "Gateway";
    private const string GatewayToolSet = "GatewayTool";
    private const string KubernetesSet = "Kubernetes";

    [Parameter(ParameterSetName = GatewaySet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? Gateway { get; set; }

    [Parameter(ParameterSetName = GatewaySet), ValidateNotNullOrEmpty]
    public string[]? RequestedScopes { get; set; }

    [Parameter(ParameterSetName = GatewaySet), ValidateRange(1, 168)]
    public int ExpiresInHours { get; set; }

    [Parameter(ParameterSetName = GatewaySet), ValidateNotNullOrEmpty]
    public string? BoundResource { get; set; }

    [Parameter(ParameterSetName = GatewaySet)]
    public string? Description { get; set; }

    [Parameter(ParameterSetName = GatewaySet), TokenInputTransformation]
    public TokenInput? Token { get; set; }

    [Parameter(ParameterSetName = GatewaySet)]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    [Parameter(ParameterSetName = GatewayToolSet, Mandatory = true), Parameter(ParameterSetName = GatewaySet)]
    [ValidateSet(nameof(GatewayToolName.McpUtils), nameof(GatewayToolName.TypeScriptCli), nameof(GatewayToolName.RegistryManagement))]
    public string? GatewayTool { get; set; }

    [Parameter(ParameterSetName = GatewayToolSet), Parameter(ParameterSetName = GatewaySet), ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter(ParameterSetName = KubernetesSet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? KubernetesTokenPath { get; set; }

    [Parameter(ParameterSetName = KubernetesSet), ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    [Parameter(ParameterSetName = KubernetesSet), ValidateNotNullOrEmpty]
    public string? ProviderName { get; set; }

    /// <summary>The token of the gateway or Kubernetes sets; null for the OAuth sets.</summary>
    private (AccessTokenResult Result, string HeaderName)? FromOtherSource()
    {
        if (ParameterSetName is GatewaySet or GatewayToolSet or KubernetesSet)
        {
            RefuseOAuthParameters();
        }

        switch (ParameterSetName)
        {
            case KubernetesSet:
                var provider = ConfigPath is null ? null : RunOrStop(() => ProjectedTokenFile.ProviderFrom(ResolvePath(ConfigPath), ProviderName));
                var path = ResolvePath(KubernetesTokenPath!);
                WriteVerbose($"Reading the service-account token file '{path}' (read again on every call: the kubelet rotates it in place).");
                var account = RunOrStop(() => ProjectedTokenFile.For(path).Current(DateTimeOffset.UtcNow, provider));
                WriteChecks(account.Checks);
                return (account.ToResult(), TokenHeaderRule.Authorization);
            case GatewayToolSet:
                return (Locate().ToResult(DateTimeOffset.UtcNow), TokenHeaderRule.Authorization);
            case GatewaySet:
                var caller = Token is not null ? ReadToken(Token).Token! : Locate().Token;
                var request = new GatewayTokenMintRequest
                {
                    Gateway = Gateway!, CallerToken = caller, RequestedScopes = RequestedScopes ?? [],
                    ExpiresInHours = MyInvocation.BoundParameters.ContainsKey(nameof(ExpiresInHours)) ? ExpiresInHours : null,
                    Resource = BoundResource, Description = Description, AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec), CachePath = NoCache ? null : TokenCacheFile.DefaultPath,
                };
                var minted = RunAsyncOrStop((log, cancel) => Task.Run(() => GatewayTokenMint.Mint(request, log, DateTimeOffset.UtcNow, cancel), cancel));
                return (minted.Result, TokenHeaderRule.Authorization);

            default:
                return null;
        }
    }

    /// <summary>The parameters shared with the OAuth sets mean nothing here: refused rather than ignored.</summary>
    private void RefuseOAuthParameters()
    {
        string[] used = ParameterSetName == GatewaySet ? [nameof(TimeoutSec), nameof(NoCache), nameof(AsPlainText), nameof(As)] : [nameof(AsPlainText), nameof(As)];
        string[] shared = [nameof(Authority), nameof(TokenEndpoint), nameof(Provider), nameof(Scope), nameof(Audience), nameof(Profile), nameof(CaCertPath), nameof(TimeoutSec),
            nameof(ForceRefresh), nameof(NoCache), nameof(RefreshMarginSec), nameof(RegistryUri), nameof(RegistryType), nameof(Flow), nameof(RedirectPort), nameof(NoBrowser), nameof(SignInTimeoutSec)];
        if (shared.Except(used).FirstOrDefault(MyInvocation.BoundParameters.ContainsKey) is { } name)
        {
            // -Resource is -Audience's alias; the mint's resource binding (the gateway's type/id) is -BoundResource.
            var fix = name == nameof(Audience) && ParameterSetName == GatewaySet ? "To bind the minted token to a resource, pass it as -BoundResource type/id (for example server/currenttime)." : $"Leave -{name} out.";
            ThrowTerminatingError(NewError(new ArgumentException($"-{name} applies to a token from an OAuth provider; it is not used with the {ParameterSetName} parameter set."), "ParameterNotUsed", ErrorCategory.InvalidArgument, name, fix));
        }
    }

    /// <summary>The token the chosen gateway tool (cli/mcp_utils.py when none is named) would send.</summary>
    private GatewayTokenLocation Locate()
    {
        var tool = Enum.Parse<GatewayToolName>(GatewayTool ?? nameof(GatewayToolName.McpUtils));
        var environment = GatewayTokenEnvironment.Of(SessionState.Path.CurrentFileSystemLocation.ProviderPath);
        var tokenFile = TokenFile is null ? null : ResolvePath(TokenFile);
        var order = GatewayTokenSources.Order(tool, environment, tokenFile).Select(s => s.Name);
        WriteVerbose($"Looking for the token as {GatewayTokenSources.Describe(tool)} does, in this order: {string.Join(", ", order)}.");
        var found = RunOrStop(() => GatewayTokenSources.Locate(tool, environment, tokenFile, DateTimeOffset.UtcNow));
        WriteChecks(found.Checks);
        WriteVerbose($"Using the token {found.Token.Fingerprint} from {found.Source}.");
        return found;
    }
}
