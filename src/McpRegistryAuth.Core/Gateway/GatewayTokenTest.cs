using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Requests;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// A token test against the gateway's nginx and auth server, /validate's whole answer: the static pipeline
/// (startup, nginx location, static tokens), then the JWT stage where the pipeline falls through to it, then
/// what /validate decides after authentication (A2A invoke check, FGAC, the token_kind gate; see
/// <see cref="GatewayAccessStage"/>), then the registry's own use of the caller's groups; the token file's
/// checks come first. The client's HTTP method is POST when a body is given, otherwise GET.
/// </summary>
public sealed class GatewayTokenTest : ITokenTest
{
    private readonly StaticTokenConfig config;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly GatewayJwtStage jwtStage;
    private readonly ScopeDefinitions? scopes;

    /// <param name="config">The static-token settings the auth server started with.</param>
    /// <param name="environment">The auth server's environment variables, which configure the JWT stage.</param>
    /// <param name="jwtStage">The JWT stage with its key source (HTTP or an offline JWKS).</param>
    /// <param name="scopes">scopes.yml or an mcp_scopes export; null when not given.</param>
    public GatewayTokenTest(StaticTokenConfig config, IReadOnlyDictionary<string, string> environment, GatewayJwtStage jwtStage, ScopeDefinitions? scopes)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(jwtStage);
        this.config = config;
        this.environment = environment;
        this.jwtStage = jwtStage;
        this.scopes = scopes;
    }

    /// <exception cref="ArgumentException">Thrown at once, before anything is evaluated, when the token cannot be sent in a header.</exception>
    public Task<Verdict> EvaluateAsync(TokenTestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tokenHeader = OAuth.TokenHeaderRule.HeaderFor(RegistryType.Gateway, request.Uri, config.RootPath);
        var method = string.IsNullOrWhiteSpace(request.HttpMethod) ? ScopeAccessTester.DefaultHttpMethod(request.Body) : request.HttpMethod.Trim().ToUpperInvariant();
        var gatewayRequest = new GatewayRequest(request.Uri, RequestHeaders.Build(request.Token, request.Headers, tokenHeader), request.Body, method, request.RawUrlBytes)
        {
            GenericProxy = GenericProxyTargets.From(request, environment),
        };
        return EvaluateAsync(gatewayRequest, request, cancellationToken);
    }

    async Task<IReadOnlyList<Verdict>> ITokenTest.EvaluateAsync(TokenTestRequest request, CancellationToken cancellationToken)
    {
        Task<Verdict> evaluation;
        try
        {
            evaluation = EvaluateAsync(request, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            throw new CommandFailureException("InvalidToken", FailureCategory.InvalidArgument, ex.Message, request.Token?.ToString(), inner: ex);
        }

        return [await evaluation.ConfigureAwait(false)];
    }

    IEnumerable<Check> ITokenTest.ChecksToReport(Verdict verdict) => PerRequestChecks(verdict);

    /// <summary>The verdict's checks without the startup checks, which are the same for every request.</summary>
    public IEnumerable<Check> PerRequestChecks(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        return verdict.Checks.Where(c => !config.StartupChecks.Contains(c));
    }

    private async Task<Verdict> EvaluateAsync(GatewayRequest gatewayRequest, TokenTestRequest request, CancellationToken cancellationToken)
    {
        var pipeline = GatewayAuthPipeline.Evaluate(gatewayRequest, config);
        var authenticated = await GatewayJwtCompletion.AuthenticateAsync(pipeline, gatewayRequest, environment, jwtStage, request.At, cancellationToken).ConfigureAwait(false);
        var verdict = gatewayRequest.GenericProxy is { } target && config.Release >= GatewayRelease.V132
            ? GatewayGenericProxyStage.Apply(authenticated.Verdict, authenticated.SelfSignedClaims, gatewayRequest, target, config, scopes)
            : GatewayAccessStage.Apply(authenticated.Verdict, authenticated.SelfSignedClaims, gatewayRequest, config, scopes);
        verdict = GenericProxyTargets.Annotate(verdict, gatewayRequest, config.Release);
        if (config.Release == GatewayRelease.V124)
        {
            verdict = V124ValidationDetail.Apply(verdict, environment);
        }

        if (scopes is not null)
        {
            verdict = GatewayVerdictScopes.Apply(verdict, scopes, gatewayRequest.Path, config.RootPath);
        }

        return request.WithTokenFileChecks(verdict);
    }
}
