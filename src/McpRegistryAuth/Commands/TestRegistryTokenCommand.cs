using System.Collections;
using System.Management.Automation;
using System.Security;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Settings;
using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using McpRegistryAuth.Core.ToolRegistry;
using McpRegistryAuth.Internal;

namespace McpRegistryAuth.Commands;

/// <summary>
/// Gives the verdict a registry server would give for a token and request, with every check it made.
/// Nothing is sent to the registry: the server's rules run locally on the settings the user names.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "RegistryToken", DefaultParameterSetName = TokenSet)]
[OutputType(typeof(Verdict), typeof(bool), typeof(TokenInspection))]
public sealed class TestRegistryTokenCommand : RegistryCmdlet
{
    private const string TokenSet = "Token";
    private const string TokenFileSet = "TokenFile";

    private ServerSettings settings = ServerSettings.Empty;
    private bool inspectOnly;
    private HttpClient? httpClient;
    private KeySet? offlineKeys;
    private DiscoveryDocument? offlineDiscovery;
    private GatewayTokenTest? gatewayTest;
    private ToolHiveTokenTest? toolHiveTest;
    private ToolRegistryTokenTest? toolRegistryTest;

    [Parameter(ParameterSetName = TokenSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("AccessToken", "access_token")]
    [SecureStringTransformation]
    public SecureString? Token { get; set; }

    /// <summary>A token file, read as the gateway CLI reads --token-file.</summary>
    [Parameter(ParameterSetName = TokenFileSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? TokenFile { get; set; }

    /// <summary>The URL the client calls.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public Uri? Uri { get; set; }

    /// <summary>Headers exactly as the client sends them; they win over the header -Token builds.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IDictionary? Header { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Body { get; set; }

    /// <summary>The server family; a string so no core enum sits in this assembly's fields (CONTRIBUTING.md).</summary>
    [Parameter]
    [ValidateSet(nameof(Core.RegistryType.Gateway), nameof(Core.RegistryType.ToolHive), nameof(Core.RegistryType.ToolRegistry))]
    public string? RegistryType { get; set; }

    /// <summary>A docker compose .env file with the server's settings.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EnvFile { get; set; }

    /// <summary>Server settings as name = value; they win over -EnvFile and the process environment.</summary>
    [Parameter]
    public IDictionary? Environment { get; set; }

    /// <summary>Also read settings from this PowerShell process's environment variables.</summary>
    [Parameter]
    public SwitchParameter UseProcessEnvironment { get; set; }

    [Parameter]
    [ValidateSet(nameof(Core.Gateway.GatewayRelease.Latest), nameof(Core.Gateway.GatewayRelease.V124))]
    public string GatewayRelease { get; set; } = nameof(Core.Gateway.GatewayRelease.Latest);

    /// <summary>Gateway scope definitions (scopes.yml or an mcp_scopes export): verdicts then carry the effective scopes.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ScopesPath { get; set; }
    /// <summary>toolregistry-server: the file given to <c>toolregistry-server openapi --tokens</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TokensFile { get; set; }

    /// <summary>toolregistry-server: the server's FastAPI version, which decides the answer to a missing header.</summary>
    [Parameter]
    public Version? FastApiVersion { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <summary>The ToolHive Registry Server configuration file whose auth section decides.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    /// <summary>Evaluate as of this instant (default: now), to replay a 401 from a log.</summary>
    [Parameter]
    public DateTime? At { get; set; }

    /// <summary>The IdP's JWKS (a file path or the JSON text), used instead of fetching it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Jwks { get; set; }

    /// <summary>The IdP's discovery document (a file path or the JSON text), used instead of fetching it.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DiscoveryDocument { get; set; }

    /// <summary>Fetch JWKS and discovery documents again instead of reusing this session's copies.</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    /// <summary>Lets a ToolHive introspection call send the token over plain http to a host that is not loopback.</summary>
    [Parameter]
    public SwitchParameter AllowUnencryptedAuthentication { get; set; }

    protected override void BeginProcessing()
    {
        DotEnvFile? envFile = null;
        if (EnvFile is not null)
        {
            var path = ResolvePath(EnvFile);
            try
            {
                var content = TextFileContent.Read(path);
                if (content.HasBom)
                {
                    WriteWarning($"'{path}' starts with a UTF-8 BOM: docker compose reads it as part of the first variable name.");
                }

                envFile = DotEnvFile.Parse(content.Text, path, Dictionaries.ToStrings(Environment));
            }
            catch (FileContentException ex)
            {
                ThrowTerminatingError(FileEditErrors.ToErrorRecord(ex));
            }
        }

        settings = ServerSettings.From(envFile, UseProcessEnvironment ? Dictionaries.ProcessEnvironment() : null, Environment is null ? null : Dictionaries.ToStrings(Environment));
        var hasEnvironmentSettings = EnvFile is not null || Environment is not null || UseProcessEnvironment;
        Core.RegistryType? registryType = null;
        try
        {
            var requested = RegistryType is null ? (Core.RegistryType?)null : Enum.Parse<Core.RegistryType>(RegistryType, ignoreCase: true);
            registryType = RegistryTypeResolver.Resolve(requested, hasEnvironmentSettings, hasToolHiveConfig: ConfigPath is not null, hasToolRegistryTokens: TokensFile is not null);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(NewError(ex, "AmbiguousRegistryType", ErrorCategory.InvalidArgument, null));
        }

        if (registryType is null)
        {
            // No server named: the token itself is what can be explained.
            if (Quiet)
            {
                ThrowTerminatingError(NewError(
                    new ArgumentException("-Quiet answers whether a server would accept the token, so it needs the server: name it with -RegistryType and its settings (-EnvFile, -Environment, -ConfigPath or -TokensFile)."),
                    "NoServerSettings",
                    ErrorCategory.InvalidArgument,
                    null));
            }

            WriteVerbose("No server settings were given: returning the token's inspection, not a verdict.");
            inspectOnly = true;
            return;
        }

        if (registryType == Core.RegistryType.ToolRegistry)
        {
            BeginToolRegistry();
            return;
        }

        if (registryType == Core.RegistryType.ToolHive)
        {
            BeginToolHive();
            return;
        }

        if (registryType != Core.RegistryType.Gateway)
        {
            ThrowTerminatingError(NewError(
                new NotSupportedException($"-RegistryType {registryType} needs its own settings parameters, which this version does not have yet."),
                "RegistryTypeNotSupported",
                ErrorCategory.NotImplemented,
                registryType));
        }

        WriteVerbose($"Server: {registryType}; {settings.Values.Count} setting(s) read{(EnvFile is null ? "" : $" from {EnvFile}")}.");
        LoadOfflineDocuments();
        ScopeDefinitions? scopeDefinitions = null;
        if (ScopesPath is not null)
        {
            scopeDefinitions = ScopesPathLoading.Load(ResolvePath(ScopesPath), WriteVerbose, WriteWarning, out var failure);
            if (failure is not null)
            {
                ThrowTerminatingError(NewError(failure.Exception, failure.ErrorId, failure.Category, failure.Path, failure.Fix));
            }
        }

        var gatewayConfig = StaticTokenConfig.FromSettings(settings, Enum.Parse<GatewayRelease>(GatewayRelease, ignoreCase: true));
        WriteChecks(gatewayConfig.StartupChecks);
        foreach (var finding in gatewayConfig.Findings)
        {
            if (finding.Severity == FindingSeverity.Info)
            {
                WriteVerbose(finding.ToString());
            }
            else
            {
                WriteWarning(finding.ToString());
            }
        }

        gatewayTest = new GatewayTokenTest(gatewayConfig, SettingsEnvironment(), GatewayJwtCompletion.Stage(offlineKeys, httpClient!, NoCache), scopeDefinitions);
    }

    protected override void ProcessRecord()
    {
        Secret? token = null;
        var checks = new List<Check>();
        if (TokenFile is not null)
        {
            var path = ResolvePath(TokenFile);
            try
            {
                var read = GatewayCliTokenFile.Read(path);
                token = read.Token;
                checks.AddRange(read.Checks);
            }
            catch (FileContentException ex)
            {
                WriteError(FileEditErrors.ToErrorRecord(ex));
                return;
            }
        }
        else if (Token is not null)
        {
            token = SecureStrings.ToSecret(Token);
        }

        var at = EvaluationInstant.From(At, DateTimeOffset.UtcNow);
        if (inspectOnly)
        {
            WriteInspection(token, at);
            return;
        }

        var request = new TokenTestRequest
        {
            Token = token,
            TokenFileChecks = checks,
            Uri = Uri,
            Headers = Dictionaries.ToSecrets(Header).ToArray(),
            Body = Body,
            At = at,
        };
        try
        {
            request.EnsureSendable();
        }
        catch (ArgumentException ex)
        {
            WriteError(NewError(ex, "InvalidToken", ErrorCategory.InvalidArgument, token?.ToString()));
            return;
        }

        if (toolRegistryTest is not null)
        {
            WriteToolRegistryVerdicts(request);
            return;
        }

        if (toolHiveTest is not null)
        {
            var toolHiveVerdict = toolHiveTest.EvaluateAsync(request, Cancellation).GetAwaiter().GetResult();
            WriteChecks(toolHiveVerdict.Checks);
            WriteObject(Quiet ? toolHiveVerdict.Accepted : toolHiveVerdict);
            return;
        }

        Task<Verdict> evaluation;
        try
        {
            evaluation = gatewayTest!.EvaluateAsync(request, Cancellation);
        }
        catch (ArgumentException ex)
        {
            WriteError(NewError(ex, "InvalidToken", ErrorCategory.InvalidArgument, token?.ToString()));
            return;
        }

        var verdict = evaluation.GetAwaiter().GetResult();

        // Startup checks and findings were written once in BeginProcessing.
        WriteChecks(gatewayTest.PerRequestChecks(verdict));
        WriteObject(Quiet ? verdict.Accepted : verdict);
    }

    protected override void EndProcessing() => httpClient?.Dispose();

    private void WriteInspection(Secret? token, DateTimeOffset at)
    {
        if (token is null)
        {
            WriteError(NewError(new ArgumentException("Give a token (-Token or -TokenFile) to inspect, or name a server to test a request against."), "NoToken", ErrorCategory.InvalidArgument, null));
            return;
        }

        var inspection = TokenInspector.Inspect(token, at);
        foreach (var note in inspection.Notes)
        {
            WriteVerbose(note);
        }

        WriteObject(inspection);
    }

    // The gateway fetches each provider's JWKS itself; -Jwks stands in for it offline.
    private void LoadOfflineDocuments()
    {
        httpClient = HttpClientFactory.Create(new HttpClientOptions());
        KeySet? offline = null;
        DiscoveryDocument? document = null;
        var errorId = "InvalidJwks";
        try
        {
            if (Jwks is not null)
            {
                offline = OfflineDocuments.LoadKeySet(File.Exists(ResolvePath(Jwks)) ? ResolvePath(Jwks) : Jwks, DateTimeOffset.UtcNow);
                WriteVerbose($"JWKS from {offline.Source}: {string.Join(", ", offline.Describe())}.");
            }

            if (DiscoveryDocument is not null)
            {
                errorId = "InvalidDiscoveryDocument";
                document = OfflineDocuments.LoadDiscoveryDocument(File.Exists(ResolvePath(DiscoveryDocument)) ? ResolvePath(DiscoveryDocument) : DiscoveryDocument);
                WriteVerbose($"Discovery document {document.Source}: issuer {document.Issuer}, jwks_uri {document.JwksUri}. The gateway's providers build their JWKS URL from settings, so only its issuer is informative here.");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(NewError(ex, errorId, ErrorCategory.InvalidData, null));
        }

        offlineKeys = offline;
        offlineDiscovery = document;
    }

    private void BeginToolHive()
    {
        if (ConfigPath is null)
        {
            ThrowTerminatingError(NewError(
                new ArgumentException("-RegistryType ToolHive needs -ConfigPath: the configuration file the registry server was started with."),
                "ConfigPathRequired",
                ErrorCategory.InvalidArgument,
                null));
        }

        var path = ResolvePath(ConfigPath!);
        if (!File.Exists(path))
        {
            ThrowTerminatingError(NewError(new FileNotFoundException($"-ConfigPath '{ConfigPath}' does not exist.", path), "RegistryAuthConfigNotFound", ErrorCategory.ObjectNotFound, ConfigPath));
        }

        LoadOfflineDocuments();
        var toolHiveReport = ToolHiveConfigLoader.LoadFile(path, SettingsEnvironment());
        WriteVerbose($"Server: ToolHive; {toolHiveReport.Config?.Providers.Count ?? 0} provider(s) in {ConfigPath}.");
        foreach (var finding in toolHiveReport.Findings)
        {
            if (finding.Severity == FindingSeverity.Error)
            {
                WriteWarning(finding.ToString());
            }
            else
            {
                WriteVerbose(finding.ToString());
            }
        }

        toolHiveTest = new ToolHiveTokenTest(toolHiveReport, new ToolHiveTokenStage(offlineKeys, offlineDiscovery, NoCache, allowUnencryptedAuthentication: AllowUnencryptedAuthentication));
    }

    private void BeginToolRegistry()
    {
        if (TokensFile is null)
        {
            ThrowTerminatingError(NewError(
                new ArgumentException("-RegistryType ToolRegistry needs -TokensFile: the file the server was started with (toolregistry-server openapi --tokens FILE)."),
                "TokensFileRequired",
                ErrorCategory.InvalidArgument,
                null));
        }

        var file = Core.ToolRegistry.TokensFile.Load(ResolvePath(TokensFile!));
        WriteVerbose($"Server: ToolRegistry; {file.Tokens.Count} active token(s) in {TokensFile}.");
        foreach (var finding in file.Findings)
        {
            if (finding.Severity == FindingSeverity.Info)
            {
                WriteVerbose(finding.ToString());
            }
            else
            {
                WriteWarning(finding.ToString());
            }
        }

        toolRegistryTest = new ToolRegistryTokenTest(new BearerTokenAuth(file), FastApiVersion);
    }

    /// <summary>One verdict, or one per FastAPI range when the header is missing and -FastApiVersion is not given.</summary>
    private void WriteToolRegistryVerdicts(TokenTestRequest request)
    {
        var verdicts = toolRegistryTest!.Answer(request);
        if (Quiet)
        {
            WriteObject(ToolRegistryTokenTest.AllAccepted(verdicts));
            return;
        }

        foreach (var verdict in verdicts)
        {
            WriteChecks(verdict.Checks);
            WriteObject(verdict);
        }
    }

    private Dictionary<string, string> SettingsEnvironment() =>
        settings.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
