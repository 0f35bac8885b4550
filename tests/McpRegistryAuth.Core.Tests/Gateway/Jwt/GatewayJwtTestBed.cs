using System.Text;
using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Tests.Tokens;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Tests.Gateway.Jwt;

/// <summary>Settings, keys and requests shared by the gateway JWT tests.</summary>
internal static class GatewayJwtTestBed
{
    public static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    public const string SecretKey = "0123456789abcdef0123456789abcdef-gateway";

    public static long In(int seconds) => At.ToUnixTimeSeconds() + seconds;

    public static readonly KeySet Keys = KeySet.Parse(TestJwt.DefaultJwks(), "test-jwks.json", At, out _)!;

    public static Dictionary<string, string> Keycloak(params (string, string)[] extra) => Env(
        ("AUTH_PROVIDER", "keycloak"), ("KEYCLOAK_URL", "http://keycloak:8080"), ("KEYCLOAK_EXTERNAL_URL", "https://kc.example.com"),
        ("KEYCLOAK_CLIENT_ID", "mcp-gateway-web"), ("KEYCLOAK_CLIENT_SECRET", "x"), ("KEYCLOAK_M2M_CLIENT_ID", "mcp-gateway-m2m")).With(extra);

    public static Dictionary<string, string> Cognito(params (string, string)[] extra) => Env(
        ("AUTH_PROVIDER", "cognito"), ("COGNITO_USER_POOL_ID", "us-east-1_AbC"), ("COGNITO_CLIENT_ID", "webclient"), ("COGNITO_CLIENT_SECRET", "x")).With(extra);

    public static Dictionary<string, string> Entra(params (string, string)[] extra) => Env(
        ("AUTH_PROVIDER", "entra"), ("ENTRA_TENANT_ID", "tid-1"), ("ENTRA_CLIENT_ID", "11111111-2222-3333-4444-555555555555"), ("ENTRA_CLIENT_SECRET", "x")).With(extra);

    public static Dictionary<string, string> Okta(params (string, string)[] extra) => Env(
        ("AUTH_PROVIDER", "okta"), ("OKTA_DOMAIN", "acme.okta.com"), ("OKTA_CLIENT_ID", "okta-web"), ("OKTA_CLIENT_SECRET", "x"), ("OKTA_AUTH_SERVER_ID", "default")).With(extra);

    public static Dictionary<string, string> Auth0(params (string, string)[] extra) => Env(
        ("AUTH_PROVIDER", "auth0"), ("AUTH0_DOMAIN", "acme.us.auth0.com"), ("AUTH0_CLIENT_ID", "auth0-web"), ("AUTH0_CLIENT_SECRET", "x"), ("AUTH0_AUDIENCE", "https://registry.acme")).With(extra);

    public static Dictionary<string, string> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    public static Dictionary<string, string> With(this Dictionary<string, string> env, (string Key, string Value)[] extra)
    {
        foreach (var (k, v) in extra) env[k] = v;
        return env;
    }

    public static string SelfSigned(object payload, string? key = null) =>
        TestJwt.Sign(new { alg = "HS256", typ = "JWT" }, payload, hmacKey: Encoding.UTF8.GetBytes(key ?? SecretKey));

    public static GatewayJwtRequest Bearer(string token, string url = "https://gw.example.com/mcpgw/mcp", string header = "Authorization") =>
        new() { Headers = new Dictionary<string, string> { [header] = "Bearer " + token }, OriginalUrl = url };

    public static GatewayJwtRequest Headers(string url, params (string Name, string Value)[] headers) =>
        new() { Headers = headers.ToDictionary(h => h.Name, h => h.Value), OriginalUrl = url };

    /// <summary>The JWT stage's answer; release 1.30 unless a test names another (the default of the module is the newest).</summary>
    public static Task<Verdict> Evaluate(GatewayJwtRequest request, Dictionary<string, string> env, IKeySetSource? keys = null, GatewayRelease release = GatewayRelease.V130, KeySet? internalKeys = null, DateTimeOffset? at = null) =>
        new GatewayJwtStage(keys ?? new FixedKeySetSource(Keys), selfSigned: new SelfSignedVerification(release, internalKeys)).EvaluateAsync(request, env, at ?? At);

    public static Check Failed(Verdict verdict) => verdict.FailedCheck ?? throw new Xunit.Sdk.XunitException("no failed check");

    /// <summary>A JWKS endpoint that is down.</summary>
    public sealed class DownKeySetSource : IKeySetSource
    {
        public Task<KeySetResult> GetKeySetAsync(Uri jwksUri, CancellationToken cancellationToken) =>
            Task.FromResult(new KeySetResult(null, $"JWKS {jwksUri}: connection refused (nothing listens on that port)"));
    }

    /// <summary>Records the JWKS URL the provider asked for.</summary>
    public sealed class RecordingKeySetSource : IKeySetSource
    {
        public List<Uri> Requested { get; } = new();

        public Task<KeySetResult> GetKeySetAsync(Uri jwksUri, CancellationToken cancellationToken)
        {
            Requested.Add(jwksUri);
            return Task.FromResult(new KeySetResult(Keys, null));
        }
    }
}
