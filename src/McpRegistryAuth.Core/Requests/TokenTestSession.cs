using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Settings;
using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using McpRegistryAuth.Core.ToolRegistry;

namespace McpRegistryAuth.Core.Requests;

/// <summary>
/// Test-RegistryToken's server, set up once per command: the settings read, the family chosen, and that
/// family's <see cref="ITokenTest"/> built over them. Without any server settings there is no test, and
/// the token itself is what can be explained (<see cref="Inspect"/>).
/// </summary>
public sealed class TokenTestSession : IDisposable
{
    private readonly HttpClient? httpClient;

    private TokenTestSession(ITokenTest? test, HttpClient? httpClient)
    {
        Test = test;
        this.httpClient = httpClient;
    }

    /// <summary>The chosen family's test; null when no server was named (token inspection only).</summary>
    public ITokenTest? Test { get; }

    /// <summary>Reads the settings, chooses the family and builds its test, reporting what it read and found.</summary>
    /// <exception cref="CommandFailureException">The settings cannot be used (with the ErrorId and the fix).</exception>
    /// <exception cref="FileContentException">A settings file cannot be read.</exception>
    public static TokenTestSession Open(TokenTestOptions options, IReportWriter report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        var settings = ReadSettings(options, report);
        RegistryType? family;
        try
        {
            var requested = options.RegistryType is null ? (RegistryType?)null : Enum.Parse<RegistryType>(options.RegistryType, ignoreCase: true);
            family = RegistryTypeResolver.Resolve(requested, options.HasEnvironmentSettings, hasToolHiveConfig: options.ConfigPath is not null, hasToolRegistryTokens: options.TokensFile is not null);
        }
        catch (ArgumentException ex)
        {
            throw new CommandFailureException("AmbiguousRegistryType", FailureCategory.InvalidArgument, ex.Message, inner: ex);
        }

        switch (family)
        {
            case null when options.Quiet:
                throw new CommandFailureException(
                    "NoServerSettings",
                    FailureCategory.InvalidArgument,
                    "-Quiet answers whether a server would accept the token, so it needs the server: name it with -RegistryType and its settings (-EnvFile, -Environment, -ConfigPath or -TokensFile).");
            case null:
                report.Verbose("No server settings were given: returning the token's inspection, not a verdict.");
                return new TokenTestSession(null, null);
            case RegistryType.ToolRegistry:
                return new TokenTestSession(OpenToolRegistry(options, report), null);
            case RegistryType.ToolHive:
                return new TokenTestSession(OpenToolHive(options, settings, report), null);
            default:
                var client = HttpClientFactory.Create(new HttpClientOptions());
                try
                {
                    return new TokenTestSession(OpenGateway(options, settings, client, report, cancellationToken), client);
                }
                catch
                {
                    client.Dispose();
                    throw;
                }
        }
    }

    /// <summary>
    /// One request through a family's test, after the check every server's HTTP parser makes first: a
    /// token or header value with a control character never reaches auth.
    /// </summary>
    /// <exception cref="CommandFailureException">InvalidToken: the request cannot be sent as given.</exception>
    public static Task<IReadOnlyList<Verdict>> EvaluateAsync(ITokenTest test, TokenTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            request.EnsureSendable();
        }
        catch (ArgumentException ex)
        {
            throw new CommandFailureException("InvalidToken", FailureCategory.InvalidArgument, ex.Message, request.Token?.ToString(), inner: ex);
        }

        return test is not GatewayTokenTest && (request.GenericProxyKind is not null || request.EntityPath is not null)
            ? WithWarning(test.EvaluateAsync(request, cancellationToken), GenericProxyIgnored)
            : test.EvaluateAsync(request, cancellationToken);
    }

    /// <summary>The warning when -GenericProxyKind or -EntityPath is given for a server that is not the gateway.</summary>
    public const string GenericProxyIgnored = "-GenericProxyKind and -EntityPath describe the MCP Gateway Registry's generic proxy (release 1.32); this server has none, so they were ignored.";

    private static async Task<IReadOnlyList<Verdict>> WithWarning(Task<IReadOnlyList<Verdict>> evaluation, string warning) =>
        [.. (await evaluation.ConfigureAwait(false)).Select(v => v with { Warnings = [.. v.Warnings, warning] })];

    /// <summary>
    /// -Quiet's answer: the client gets through under every verdict (toolregistry-server answers per FastAPI
    /// range; the gateway's registry or MCP proxy hop can still refuse what /validate accepts).
    /// </summary>
    public static bool Accepted(IReadOnlyList<Verdict> verdicts) => verdicts.All(v => v.GetsThrough);

    /// <summary>The token explained on its own, when no server was named.</summary>
    /// <exception cref="CommandFailureException">NoToken: nothing to inspect.</exception>
    public static TokenInspection Inspect(Secret? token, DateTimeOffset at, IReportWriter report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (token is null)
        {
            throw new CommandFailureException("NoToken", FailureCategory.InvalidArgument, "Give a token (-Token or -TokenFile) to inspect, or name a server to test a request against.");
        }

        var inspection = TokenInspector.Inspect(token, at);
        foreach (var note in inspection.Notes)
        {
            report.Verbose(note);
        }

        return inspection;
    }

    public void Dispose() => httpClient?.Dispose();

    private static ServerSettings ReadSettings(TokenTestOptions options, IReportWriter report)
    {
        DotEnvFile? envFile = null;
        if (options.EnvFile is not null)
        {
            var path = options.ResolvePath(options.EnvFile);
            var content = TextFileContent.Read(path);
            if (content.HasBom)
            {
                report.Warning(DotEnvFile.BomProblem(path));
            }

            envFile = DotEnvFile.Parse(content.Text, path, options.Environment);
        }

        return ServerSettings.From(envFile, options.ProcessEnvironment, options.Environment);
    }

    private static Dictionary<string, string> EnvironmentOf(ServerSettings settings) =>
        settings.Values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static ToolRegistryTokenTest OpenToolRegistry(TokenTestOptions options, IReportWriter report)
    {
        if (options.TokensFile is null)
        {
            throw new CommandFailureException(
                "TokensFileRequired",
                FailureCategory.InvalidArgument,
                "-RegistryType ToolRegistry needs -TokensFile: the file the server was started with (toolregistry-server openapi --tokens FILE).");
        }

        var file = TokensFile.Load(options.ResolvePath(options.TokensFile));
        report.Verbose($"Server: ToolRegistry; {file.Tokens.Count} active token(s) in {options.TokensFile}.");
        Report(file.Findings, report);
        return new ToolRegistryTokenTest(new BearerTokenAuth(file), options.FastApiVersion);
    }

    private static ToolHiveTokenTest OpenToolHive(TokenTestOptions options, ServerSettings settings, IReportWriter report)
    {
        if (options.ConfigPath is null)
        {
            throw new CommandFailureException(
                "ConfigPathRequired",
                FailureCategory.InvalidArgument,
                "-RegistryType ToolHive needs -ConfigPath: the configuration file the registry server was started with.");
        }

        var path = options.ResolvePath(options.ConfigPath);
        if (!File.Exists(path))
        {
            throw new CommandFailureException("RegistryAuthConfigNotFound", FailureCategory.ObjectNotFound, $"-ConfigPath '{options.ConfigPath}' does not exist.", options.ConfigPath);
        }

        var (keys, discovery) = LoadOfflineDocuments(options, report);
        var config = ToolHiveConfigLoader.LoadFile(path, EnvironmentOf(settings));
        report.Verbose($"Server: ToolHive; {config.Config?.Providers.Count ?? 0} provider(s) in {options.ConfigPath}.");
        Report(config.Findings, report);
        return new ToolHiveTokenTest(config, new ToolHiveTokenStage(keys, discovery, options.NoCache, allowUnencryptedAuthentication: options.AllowUnencryptedAuthentication));
    }

    private static GatewayTokenTest OpenGateway(TokenTestOptions options, ServerSettings settings, HttpClient client, IReportWriter report, CancellationToken cancellationToken)
    {
        report.Verbose($"Server: Gateway; {settings.Values.Count} setting(s) read{(options.EnvFile is null ? "" : $" from {options.EnvFile}")}.");

        // The gateway fetches each provider's JWKS itself; -Jwks stands in for it offline.
        var (keys, _) = LoadOfflineDocuments(options, report);
        var scopes = options.ScopesPath is null ? null : ScopesPathLoader.Load(options.ResolvePath(options.ScopesPath), report);
        var release = GatewayReleases.Parse(options.GatewayRelease);
        report.Verbose($"Gateway release {GatewayReleases.Describe(release)} ({options.GatewayRelease}).");
        var internalKeys = InternalKeySetLoader.Load(options.SigningKeyPath, options.InternalJwks, options.ResolvePath, client, report, cancellationToken);
        if (internalKeys is not null && release < GatewayRelease.V132)
            report.Warning($"Release {GatewayReleases.Describe(release)} verifies self-signed tokens with SECRET_KEY (HS256) only: the ES256 keys of -SigningKeyPath/-InternalJwks are not used.");
        var config = StaticTokenConfig.FromSettings(settings, release);
        foreach (var check in config.StartupChecks)
        {
            report.Check(check);
        }

        Report(config.Findings, report);
        return new GatewayTokenTest(config, EnvironmentOf(settings), GatewayJwtCompletion.Stage(keys, client, options.NoCache, new SelfSignedVerification(release, internalKeys)), scopes);
    }

    private static (KeySet? Keys, DiscoveryDocument? Discovery) LoadOfflineDocuments(TokenTestOptions options, IReportWriter report)
    {
        KeySet? keys = null;
        DiscoveryDocument? discovery = null;
        var errorId = "InvalidJwks";
        try
        {
            if (options.Jwks is not null)
            {
                keys = OfflineDocuments.LoadKeySet(options.Jwks, DateTimeOffset.UtcNow, options.ResolvePath);
                report.Verbose($"JWKS from {keys.Source}: {string.Join(", ", keys.Describe())}.");
            }

            if (options.DiscoveryDocument is not null)
            {
                errorId = "InvalidDiscoveryDocument";
                discovery = OfflineDocuments.LoadDiscoveryDocument(options.DiscoveryDocument, options.ResolvePath);
                report.Verbose($"Discovery document {discovery.Source}: issuer {discovery.Issuer}, jwks_uri {discovery.JwksUri}. The gateway's providers build their JWKS URL from settings, so only its issuer is informative here.");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new CommandFailureException(errorId, FailureCategory.InvalidData, ex.Message, inner: ex);
        }

        return (keys, discovery);
    }

    private static void Report(IEnumerable<Finding> findings, IReportWriter report)
    {
        foreach (var finding in findings)
        {
            report.Finding(finding);
        }
    }
}
