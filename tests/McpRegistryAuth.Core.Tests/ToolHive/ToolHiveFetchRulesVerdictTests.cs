using McpRegistryAuth.Core.Tests.Peers;
using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using Xunit;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

using McpRegistryAuth.Core.Tests.Tokens;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>
/// Spec 1.5 and 2.6 inside the token verdict: the discovery pre-check, the HTTPS-only transport and the dial-time
/// private-address block refuse a provider's fetch as the server does, over a real plain-http peer on 127.0.0.1.
/// </summary>
public class ToolHiveFetchRulesVerdictTests
{
    private const string Path = "/registry/v0.1/servers";
    private static readonly Dictionary<string, string> NoEnvironment = new();
    private static readonly Dictionary<string, string> Insecure = new() { ["THV_REGISTRY_INSECURE_URL"] = "true" };

    /// <summary>An IdP over plain http: discovery at the issuer, JWKS at /certs, an RFC 7662 endpoint at /introspect.</summary>
    private static Task<LoopbackPeer> StartIdpAsync(string? introspectionAnswer = null) => LoopbackPeer.StartAsync((baseUri, request) => request.Path switch
    {
        "/.well-known/openid-configuration" => PeerResponse.Json(200, Json(new { issuer = Issuer(baseUri), jwks_uri = Issuer(baseUri) + "/certs" })),
        "/certs" => PeerResponse.Json(200, DefaultJwks()),
        "/introspect" when introspectionAnswer is not null => PeerResponse.Json(200, introspectionAnswer),
        _ => PeerResponse.Json(404, "{}"),
    });

    private static string Issuer(Uri baseUri) => baseUri.AbsoluteUri.TrimEnd('/');

    private static string Token(string issuer) => RsaToken(new { iss = issuer, aud = "registry-api", sub = "svc", exp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300 });

    private static ToolHiveAuthConfig Config(IReadOnlyDictionary<string, string> environment, params string[] providers)
    {
        var yaml = "auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n" +
                   string.Concat(providers.Select(p => $"      - {{{p}}}\n"));
        var report = ToolHiveConfigLoader.Load(yaml, "config.yaml", environment);
        Assert.True(report.ServerWouldStart, report.FirstError?.ToString());
        return report.Config!;
    }

    private static Task<Verdict> EvaluateAsync(ToolHiveAuthConfig config, string token, KeySet? offlineKeys = null) =>
        new ToolHiveTokenStage(offlineKeys, noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(config, Path, "Bearer " + token, DateTimeOffset.UtcNow);

    private static string DebugLog(Verdict verdict, string provider) =>
        Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Provider.DebugLog" && c.Observed!.Contains($"provider={provider} ", StringComparison.Ordinal)).Observed!;

    [Fact]
    public async Task FetchRules_HttpLoopbackIssuerRefusedByTheTransportWithoutTheInsecureSetting()
    {
        await using var idp = await StartIdpAsync();
        var issuer = Issuer(idp.BaseUri);
        var config = Config(NoEnvironment, $"name: local, issuerUrl: '{issuer}', audience: registry-api, allowPrivateIP: true");

        var verdict = await EvaluateAsync(config, Token(issuer));

        Assert.Equal(401, verdict.Status);
        Assert.True(Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Fetch.DiscoveryPrecheck").Passed); // loopback is exempt here only
        var transport = Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Fetch.Discovery.HttpsTransport");
        Assert.False(transport.Passed);
        Assert.Equal(issuer + "/.well-known/openid-configuration", transport.Observed);
        Assert.Equal($"Provider failed to validate token provider=local error=OIDC discovery failed: failed to discover OIDC configuration: failed to fetch OIDC configuration: " +
                     $"Get \"{issuer}/.well-known/openid-configuration\": the supplied URL {issuer}/.well-known/openid-configuration is not HTTPS scheme", DebugLog(verdict, "local"));
        Assert.Empty(idp.Requests); // refused before anything is sent
        Assert.DoesNotContain(verdict.Checks, c => c.Name == "ToolHive.Jwt.Discovery" || c.Name.StartsWith("Fetch.", StringComparison.Ordinal));
        Assert.Contains(verdict.Hints, h => h.Contains("THV_REGISTRY_INSECURE_URL=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchRules_NonLoopbackHttpIssuerRefusedByTheDiscoveryPrecheck()
    {
        // A config the server loads never gets here (its load-time check refuses this issuer first): the validator alone.
        var discovery = new CountingDiscovery();
        var provider = new ToolHiveTokenProvider { Name = "plain", IssuerUrl = "http://idp.example.com", Audience = "registry-api" };
        var validator = new ToolHiveTokenValidator(new FixedKeySetSource(KeySet.Parse(DefaultJwks(), "certs.json", DateTimeOffset.UtcNow, out _)!), discovery, null, new ToolHiveFetchPolicy());

        var outcome = await validator.ValidateAsync(provider, new Secret(Token("http://idp.example.com")), DateTimeOffset.UtcNow);
        var allowed = await new ToolHiveTokenValidator(new FixedKeySetSource(KeySet.Parse(DefaultJwks(), "certs.json", DateTimeOffset.UtcNow, out _)!), discovery, null,
            new ToolHiveFetchPolicy { InsecureAllowHttp = true, AllowPrivateIP = true }).ValidateAsync(provider, new Secret(Token("http://idp.example.com")), DateTimeOffset.UtcNow);

        Assert.Equal("OIDC discovery failed: failed to discover OIDC configuration: invalid issuer URL: endpoint must use HTTPS: http://idp.example.com", outcome.Error);
        Assert.Equal("ToolHive.Fetch.DiscoveryPrecheck", Assert.Single(outcome.Checks).Name);
        Assert.True(allowed.Accepted, string.Join("\n", allowed.Checks));
        Assert.Equal(1, discovery.Calls); // only the allowed run fetched discovery
    }

    private sealed class CountingDiscovery : IDiscoverySource
    {
        public int Calls { get; private set; }

        public Task<(DiscoveryDocument? Document, string? Error)> GetAsync(Uri discoveryUri, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<(DiscoveryDocument?, string?)>((new DiscoveryDocument { Source = "test", JwksUri = "https://idp.example.com/certs" }, null));
        }
    }

    [Fact]
    public async Task FetchRules_HttpLoopbackIssuerAcceptedWithTheInsecureSettingAndAllowPrivateIP()
    {
        await using var idp = await StartIdpAsync();
        var issuer = Issuer(idp.BaseUri);
        var config = Config(Insecure, $"name: local, issuerUrl: '{issuer}', audience: registry-api, allowPrivateIP: true");

        var verdict = await EvaluateAsync(config, Token(issuer));

        Assert.Equal(200, verdict.Status);
        Assert.Equal("Provider:local", verdict.AcceptedBy);
        var names = verdict.Checks.Select(c => c.Name).ToList();
        // The server's order: pre-check, the discovery request, then the JWKS request inside keyfunc.
        string[] order = ["ToolHive.Fetch.DiscoveryPrecheck", "ToolHive.Fetch.Discovery.HttpsTransport", "ToolHive.Fetch.Discovery.PrivateAddress", "ToolHive.Jwt.Discovery",
            "ToolHive.Jwt.Parse", "ToolHive.Fetch.Jwks.HttpsTransport", "ToolHive.Fetch.Jwks.PrivateAddress", "ToolHive.Jwt.Jwks", "ToolHive.Jwt.Algorithm"];
        Assert.Equal(order, names.Where(order.Contains));
        Assert.All(verdict.Checks.Where(c => c.Name.StartsWith("ToolHive.Fetch.", StringComparison.Ordinal)), c => Assert.True(c.Passed, c.ToString()));
        Assert.Equal(["/.well-known/openid-configuration", "/certs"], idp.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task FetchRules_LoopbackIssuerRefusedAtDialWithoutAllowPrivateIP()
    {
        await using var idp = await StartIdpAsync();
        var issuer = Issuer(idp.BaseUri);
        var config = Config(Insecure, $"name: local, issuerUrl: '{issuer}', audience: registry-api");

        var verdict = await EvaluateAsync(config, Token(issuer));

        Assert.Equal(401, verdict.Status);
        var blocked = Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Fetch.Discovery.PrivateAddress");
        Assert.False(blocked.Passed);
        Assert.Equal("127.0.0.1 -> 127.0.0.1 (private)", blocked.Observed);
        Assert.Equal($"Provider failed to validate token provider=local error=OIDC discovery failed: failed to discover OIDC configuration: failed to fetch OIDC configuration: " +
                     $"Get \"{issuer}/.well-known/openid-configuration\": dial tcp 127.0.0.1:{idp.BaseUri.Port}: the provided URL redirects to a private IP address, which is not allowed", DebugLog(verdict, "local"));
        Assert.Empty(idp.Requests);
        // The request was made and refused at dial time: its steps follow the rule's check.
        var names = verdict.Checks.Select(c => c.Name).ToList();
        Assert.Equal(names.IndexOf("ToolHive.Fetch.Discovery.PrivateAddress") + 1, names.IndexOf("Fetch.Dns"));
        Assert.False(Assert.Single(verdict.Checks, c => c.Name == "Fetch.PrivateAddress").Passed);
        Assert.Contains(verdict.Hints, h => h.Contains("allowPrivateIP: true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchRules_DisableUrlValidationLiftsTheHttpsChecks()
    {
        await using var idp = await StartIdpAsync();
        var issuer = Issuer(idp.BaseUri);
        var config = Config(new Dictionary<string, string> { ["INSECURE_DISABLE_URL_VALIDATION"] = "TRUE" }, $"name: local, issuerUrl: '{issuer}', audience: registry-api, allowPrivateIP: true");

        var verdict = await EvaluateAsync(config, Token(issuer));

        Assert.Equal(200, verdict.Status);
        Assert.True(Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Fetch.Jwks.HttpsTransport").Passed);
    }

    [Fact]
    public async Task FetchRules_SecondProviderAcceptsAfterTheFirstIsRefused()
    {
        await using var idp = await StartIdpAsync();
        var issuer = Issuer(idp.BaseUri);
        var config = Config(Insecure,
            $"name: no-private, issuerUrl: '{issuer}', audience: registry-api",
            $"name: private-ok, issuerUrl: '{issuer}', audience: registry-api, allowPrivateIP: true");

        var verdict = await EvaluateAsync(config, Token(issuer));

        // It failed once in a full run on a loaded machine (401, 6 s) and never alone: say why next time.
        Assert.True(verdict.Status == 200, $"{verdict.Status} {verdict.Detail}\n{string.Join("\n", verdict.Checks)}");
        Assert.Equal("Provider:private-ok", verdict.AcceptedBy);
        Assert.Contains("the provided URL redirects to a private IP address, which is not allowed", DebugLog(verdict, "no-private"));
        Assert.Equal(2, idp.Requests.Count); // only the second provider's discovery and JWKS reached the IdP
    }

    [Fact]
    public async Task FetchRules_InClusterJwksAddressRefusedWithoutAllowPrivateIP()
    {
        var config = Config(NoEnvironment, "name: k8s, issuerUrl: 'https://kubernetes.default.svc.cluster.local', audience: registry-api, jwksUrl: 'https://10.96.0.1/openid/v1/jwks'");

        var verdict = await EvaluateAsync(config, Token("https://kubernetes.default.svc.cluster.local"));

        Assert.Equal(401, verdict.Status);
        Assert.Equal("Provider failed to validate token provider=k8s error=failed to parse token: token is unverifiable: error while executing keyfunc: JWKS registration failed: failed to register JWKS URL: " +
                     "Get \"https://10.96.0.1/openid/v1/jwks\": dial tcp 10.96.0.1:443: the provided URL redirects to a private IP address, which is not allowed", DebugLog(verdict, "k8s"));
        Assert.DoesNotContain(verdict.Checks, c => c.Name == "ToolHive.Fetch.DiscoveryPrecheck"); // jwksUrl skips discovery
        Assert.Equal("not evaluated: Fetch.PrivateAddress failed", Assert.Single(verdict.Checks, c => c.Name == "Fetch.TcpConnect").Observed);
    }

    [Fact]
    public async Task FetchRules_ApplyToAnOfflineJwksToo()
    {
        var keys = KeySet.Parse(DefaultJwks(), "certs.json", DateTimeOffset.UtcNow, out _)!;
        var config = Config(NoEnvironment, "name: kc, issuerUrl: 'https://kc.example.com/realms/acme', audience: registry-api, jwksUrl: 'http://kc.example.com/realms/acme/certs'");

        var refused = await EvaluateAsync(config, Token("https://kc.example.com/realms/acme"), keys);
        var allowed = await EvaluateAsync(Config(Insecure, "name: kc, issuerUrl: 'https://kc.example.com/realms/acme', audience: registry-api, jwksUrl: 'http://kc.example.com/realms/acme/certs'"), Token("https://kc.example.com/realms/acme"), keys);

        Assert.Equal(401, refused.Status);
        Assert.False(Assert.Single(refused.Checks, c => c.Name == "ToolHive.Fetch.Jwks.HttpsTransport").Passed);
        Assert.DoesNotContain(refused.Checks, c => c.Name.StartsWith("Fetch.", StringComparison.Ordinal));
        Assert.Equal(200, allowed.Status);
        Assert.DoesNotContain(allowed.Checks, c => c.Name == "ToolHive.Fetch.Jwks.PrivateAddress"); // offline: a host name is not resolved
    }

    [Fact]
    public async Task FetchRules_AuthenticatedIntrospectionNeedsDisableUrlValidationForHttp()
    {
        var exp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300;
        await using var idp = await StartIdpAsync(Json(new { active = true, iss = "https://kc.example.com/realms/acme", aud = "registry-api", sub = "svc", exp }));
        var provider = $"name: kc, issuerUrl: 'https://kc.example.com/realms/acme', audience: registry-api, jwksUrl: 'https://kc.example.com/certs', introspectionUrl: '{idp.Url("/introspect")}', clientId: registry, allowPrivateIP: true";

        var refused = await EvaluateAsync(Config(Insecure, provider), "opaque-token-0123456789");
        Assert.Equal(401, refused.Status);
        var transport = Assert.Single(refused.Checks, c => c.Name == "ToolHive.Fetch.Introspection.HttpsTransport");
        Assert.False(transport.Passed);
        Assert.Contains("INSECURE_DISABLE_URL_VALIDATION", transport.Expected);
        Assert.Equal($"Provider failed to validate token provider=kc error=failed to introspect opaque token: rfc7662 introspection failed: " +
                     $"Post \"{idp.Url("/introspect")}\": the supplied URL {idp.Url("/introspect")} is not HTTPS scheme", DebugLog(refused, "kc"));
        Assert.Empty(idp.Requests);

        var accepted = await EvaluateAsync(Config(new Dictionary<string, string> { ["INSECURE_DISABLE_URL_VALIDATION"] = "true" }, provider), "opaque-token-0123456789");
        Assert.Equal(200, accepted.Status);
        Assert.Equal("introspection", accepted.AuthMethod);
        Assert.Equal("POST", Assert.Single(idp.Requests).Method);
    }

    [Fact]
    public async Task FetchRules_UnauthenticatedIntrospectionUsesGosDefaultClientWithoutTheRules()
    {
        var exp = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300;
        await using var idp = await StartIdpAsync(Json(new { active = true, iss = "https://kc.example.com/realms/acme", aud = "registry-api", sub = "svc", exp }));
        // Neither the insecure flag nor allowPrivateIP: http.DefaultClient checks neither.
        var config = Config(NoEnvironment, $"name: kc, issuerUrl: 'https://kc.example.com/realms/acme', audience: registry-api, jwksUrl: 'https://kc.example.com/certs', introspectionUrl: '{idp.Url("/introspect")}'");

        var verdict = await EvaluateAsync(config, "opaque-token-0123456789");

        Assert.Equal(200, verdict.Status);
        Assert.DoesNotContain(verdict.Checks, c => c.Name.StartsWith("ToolHive.Fetch.Introspection.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchRules_IntrospectionWithoutAnAnswerIsDiagnosedStepByStep()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there any more
        var config = Config(NoEnvironment, $"name: kc, issuerUrl: 'https://kc.example.com/realms/acme', audience: registry-api, jwksUrl: 'https://kc.example.com/certs', introspectionUrl: 'https://127.0.0.1:{port}/introspect', clientId: registry, allowPrivateIP: true");

        var verdict = await EvaluateAsync(config, "opaque-token-0123456789");

        Assert.Equal(401, verdict.Status);
        var names = verdict.Checks.Select(c => c.Name).ToList();
        var call = names.IndexOf("ToolHive.Introspection.Call");
        Assert.False(verdict.Checks[call].Passed);
        Assert.Equal(["Fetch.Dns", "Fetch.PrivateAddress", "Fetch.TcpConnect", "Fetch.Tls", "Fetch.HttpStatus", "Fetch.ContentType", "Fetch.JsonShape", "ToolHive.Provider.DebugLog"], names.Skip(call + 1));
        Assert.False(verdict.Checks[call + 3].Passed);
        Assert.Contains("connection refused", verdict.Checks[call + 3].Observed);
        Assert.Equal("not evaluated: Fetch.TcpConnect failed", verdict.Checks[call + 4].Observed);
    }

    [Fact]
    public async Task FetchRules_IntrospectionAnsweredWithAStatusIsNotDiagnosedAgain()
    {
        await using var idp = await StartIdpAsync(); // /introspect answers 404 here
        var config = Config(NoEnvironment, $"name: kc, issuerUrl: 'https://kc.example.com/realms/acme', audience: registry-api, jwksUrl: 'https://kc.example.com/certs', introspectionUrl: '{idp.Url("/introspect")}'");

        var verdict = await EvaluateAsync(config, "opaque-token-0123456789");

        Assert.Equal("introspection failed with status 404", Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Introspection.Call").Observed);
        Assert.DoesNotContain(verdict.Checks, c => c.Name.StartsWith("Fetch.", StringComparison.Ordinal));
    }
}
