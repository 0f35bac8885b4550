using System.Collections;
using System.Management.Automation;
using System.Security;
using McpRegistryAuth.Completion;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Gives the verdict a registry server would give for a token and request, with every check it made.
/// Nothing is sent to the registry: the server's rules run locally on the settings the user names.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RegistryToken", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(Verdict), typeof(bool), typeof(TokenInspection))]
public sealed partial class TestRegistryTokenCommand : RegistryCmdlet
{
    private const string TokenSet = "Token";
    private const string TokenFileSet = "TokenFile";

    private TokenTestSession? session;

    // Parameters are described in docs/Test-RegistryToken.md, which the help is built from.
    [Parameter(ParameterSetName = TokenSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AccessToken", "access_token")]
    [TokenInputTransformation]
    public TokenInput? Token { get; set; }

    [Parameter(ParameterSetName = TokenFileSet, Mandatory = true), ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Uri? Uri { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true), ArgumentCompleter(typeof(HeaderNameCompleter))]
    public IDictionary? Header { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Body { get; set; }

    [Parameter]
    public SwitchParameter RawUrlBytes { get; set; }

    /// <summary>The server family; a string so no core enum sits in this assembly's fields (CONTRIBUTING.md).</summary>
    [Parameter, ValidateSet(nameof(Core.RegistryType.Gateway), nameof(Core.RegistryType.ToolHive), nameof(Core.RegistryType.ToolRegistry))]
    public string? RegistryType { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? EnvFile { get; set; }

    [Parameter]
    public IDictionary? Environment { get; set; }

    [Parameter]
    public SwitchParameter UseProcessEnvironment { get; set; }

    [Parameter, ValidateSet(nameof(Core.Gateway.GatewayRelease.Latest), nameof(Core.Gateway.GatewayRelease.V124), nameof(Core.Gateway.GatewayRelease.V130), nameof(Core.Gateway.GatewayRelease.V132))]
    public string GatewayRelease { get; set; } = nameof(Core.Gateway.GatewayRelease.Latest);

    [Parameter, ValidateNotNullOrEmpty]
    public string? ScopesPath { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? TokensFile { get; set; }

    [Parameter]
    public Version? FastApiVersion { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    [Parameter]
    public DateTime? At { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? Jwks { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? DiscoveryDocument { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? SigningKeyPath { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? InternalJwks { get; set; }

    [Parameter]
    public SwitchParameter NoCache { get; set; }

    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    protected override void BeginProcessing()
    {
        var options = new TokenTestOptions
        {
            RegistryType = RegistryType,
            GatewayRelease = GatewayRelease,
            EnvFile = EnvFile,
            Environment = Environment is null ? null : Dictionaries.ToStrings(Environment),
            ProcessEnvironment = UseProcessEnvironment ? Dictionaries.ProcessEnvironment() : null,
            ScopesPath = ScopesPath,
            TokensFile = TokensFile,
            FastApiVersion = FastApiVersion,
            ConfigPath = ConfigPath,
            Jwks = Jwks,
            DiscoveryDocument = DiscoveryDocument,
            SigningKeyPath = SigningKeyPath,
            InternalJwks = InternalJwks,
            NoCache = NoCache,
            AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
            Quiet = Quiet,
            ResolvePath = ResolvePath,
        };
        session = RunOrStop(() => TokenTestSession.Open(options, Report, Cancellation));
    }

    protected override void ProcessRecord() => RunOrWriteError(() =>
    {
        var (token, fileChecks) = ReadToken(Token, TokenFile);
        var at = EvaluationInstant.From(At, DateTimeOffset.UtcNow);
        if (session!.Test is not { } test)
        {
            WriteObject(TokenTestSession.Inspect(token, at, Report));
            return;
        }

        var request = WithRequestTarget(new TokenTestRequest { Token = token, TokenFileChecks = fileChecks, Uri = Uri, Headers = Dictionaries.ToSecrets(Header).ToArray(), Body = Body, RawUrlBytes = RawUrlBytes, At = at });
        var verdicts = TokenTestSession.EvaluateAsync(test, request, Cancellation).GetAwaiter().GetResult();
        if (Quiet)
        {
            WriteObject(TokenTestSession.Accepted(verdicts));
            return;
        }

        foreach (var verdict in verdicts)
        {
            WriteChecks(test.ChecksToReport(verdict));
            WriteObject(verdict);
        }
    });

    protected override void EndProcessing() => session?.Dispose();
}
