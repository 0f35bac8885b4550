using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>
/// Completes the pipeline's verdict where the static-token stage let the request fall through to the JWT stage:
/// the provisional 401 and its "Gateway.Jwt not evaluated" check are replaced by the JWT stage's own verdict.
/// </summary>
public static class GatewayJwtCompletion
{
    public static bool NeedsJwtStage(Verdict verdict) =>
        verdict.FallsThroughTo is not null && verdict.Checks.Any(c => c.Name == GatewayJwtCheckNames.Jwt && !c.Passed);

    /// <summary>The pipeline's verdict completed with the JWT stage's own answer (<see cref="GatewayJwtStage.EvaluateAsync"/>).</summary>
    public static async Task<Verdict> CompleteAsync(Verdict pipelineVerdict, GatewayRequest request, IReadOnlyDictionary<string, string> environment, GatewayJwtStage stage, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (!NeedsJwtStage(pipelineVerdict)) return pipelineVerdict;
        var jwt = await stage.EvaluateAsync(JwtRequest(request), environment, at, cancellationToken).ConfigureAwait(false);
        return Merge(pipelineVerdict, jwt);
    }

    /// <summary>
    /// The pipeline's verdict completed with authentication only, for /validate's later stages: the claims of a
    /// self-signed token come back for the token_kind gate, which runs after FGAC.
    /// </summary>
    internal static async Task<GatewayJwtOutcome> AuthenticateAsync(Verdict pipelineVerdict, GatewayRequest request, IReadOnlyDictionary<string, string> environment, GatewayJwtStage stage, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (!NeedsJwtStage(pipelineVerdict)) return new GatewayJwtOutcome(pipelineVerdict, null);
        var outcome = await stage.AuthenticateAsync(JwtRequest(request), environment, at, cancellationToken).ConfigureAwait(false);
        return outcome with { Verdict = Merge(pipelineVerdict, outcome.Verdict) };
    }

    // The values leave the Secret wrapper only inside the JWT stage, which shows tokens as fingerprints.
    private static GatewayJwtRequest JwtRequest(GatewayRequest request) => new()
    {
        Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.Reveal(), StringComparer.OrdinalIgnoreCase),
        OriginalUrl = request.OriginalUrl,
    };

    private static Verdict Merge(Verdict pipelineVerdict, Verdict jwt)
    {
        var sessionAssumed = pipelineVerdict.FallsThroughTo == FallThroughTarget.Session;

        // The pipeline already chose the credential header (Gateway.Credential.Header); keep one account of it.
        var checks = pipelineVerdict.Checks.Where(c => c.Name != GatewayJwtCheckNames.Jwt)
            .Concat(jwt.Checks.Where(c => c.Name != GatewayJwtCheckNames.CredentialHeader))
            .ToArray();
        IReadOnlyList<string> stageHints = [.. pipelineVerdict.Hints.Except(GatewayAuthPipeline.JwtNotEvaluatedHints), .. jwt.Hints];
        var decidedBy = DecidingCheck(pipelineVerdict.Checks, jwt.Checks);
        if (decidedBy == GatewayCheckNames.StaticTokenMatch)
        {
            stageHints = [.. stageHints, "The bearer token is not a JWT and matches no static key: compare its fingerprint with the configured keys' fingerprints in the failed check."];
        }

        return jwt with
        {
            Checks = checks,
            DecidedBy = decidedBy,
            FallsThroughTo = pipelineVerdict.FallsThroughTo,
            IsProvisional = jwt.IsProvisional || sessionAssumed,
            Hints = stageHints,
            Warnings = pipelineVerdict.Warnings.Concat(jwt.Warnings.Where(w => !w.Contains("mcp_gateway_session", StringComparison.Ordinal))).Distinct().ToArray(),
            Findings = pipelineVerdict.Findings.Concat(jwt.Findings).ToArray(),
        };
    }

    /// <summary>
    /// The JWT stage decides a request the static stage passed on, except for a bearer value that is not a
    /// JWT at all: that was meant as a static token, so the reason is the first static-stage failure
    /// (feature off, path, session cookie, scheme or mismatch).
    /// </summary>
    internal static string? DecidingCheck(IReadOnlyList<Check> pipelineChecks, IReadOnlyList<Check> jwtChecks)
    {
        var jwtFailure = jwtChecks.FirstOrDefault(c => !c.Passed && c.Name != GatewayJwtCheckNames.CredentialHeader);
        if (jwtFailure?.Name == GatewayJwtCheckNames.Decode)
        {
            var staticFailure = pipelineChecks.FirstOrDefault(c => !c.Passed && c.Name.StartsWith(GatewayCheckNames.StaticTokenPrefix, StringComparison.Ordinal));
            if (staticFailure is not null)
            {
                return staticFailure.Name;
            }
        }

        return jwtFailure?.Name;
    }

    /// <summary>The key source for a verdict: an offline JWKS when given, else HTTP with the per-process cache.</summary>
    public static IKeySetSource KeySource(KeySet? offline, HttpClient client, bool noCache) =>
        offline is not null ? new FixedKeySetSource(offline) : new HttpKeySetSource(client, noCache);

    /// <summary>
    /// The JWT stage for a verdict: keys from <see cref="KeySource"/>; a failed JWKS fetch is diagnosed step by step
    /// only when keys are fetched, since an offline JWKS has no fetch to diagnose.
    /// </summary>
    public static GatewayJwtStage Stage(KeySet? offline, HttpClient client, bool noCache, SelfSignedVerification? selfSigned = null) =>
        new(KeySource(offline, client, noCache), offline is null ? new FetchDiagnosis(new FetchDiagnosisOptions()) : null, selfSigned);
}
