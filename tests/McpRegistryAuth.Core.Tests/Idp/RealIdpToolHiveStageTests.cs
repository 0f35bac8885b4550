using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>A whole ToolHive request (config file, Bearer header, providers in order) against the real test IdP.</summary>
public class RealIdpToolHiveStageTests : IClassFixture<PlainIdp>
{
    private readonly PlainIdp idp;

    public RealIdpToolHiveStageTests(PlainIdp idp) => this.idp = idp;

    private ToolHiveAuthConfig Config(string firstAudience, bool withCa = true, bool allowPrivateIp = true)
    {
        var ca = withCa ? $", caCertPath: {idp.Server.CaFile}" : "";
        var yaml = "auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n" +
                   $"      - {{name: other, issuerUrl: 'https://127.0.0.1:1/other', audience: x, jwksUrl: 'https://127.0.0.1:1/jwks', allowPrivateIP: true}}\n" +
                   $"      - {{name: test-idp, issuerUrl: '{idp.Server.Issuer}', audience: '{firstAudience}', allowPrivateIP: {(allowPrivateIp ? "true" : "false")}{ca}}}\n";
        var report = ToolHiveConfigLoader.Load(yaml, "config.yaml");
        return report.Config ?? throw new InvalidOperationException(string.Join("\n", report.Findings));
    }

    [Fact]
    public async Task RealIdp_ToolHiveSecondProviderAcceptsAfterTheFirstFails()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(Config("https://registry.test"), "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);
        Assert.Equal(200, verdict.Status);
        Assert.Equal("Provider:test-idp", verdict.AcceptedBy);
        Assert.Equal("rs256-client", verdict.Identity);
        Assert.Contains(verdict.Checks, c => c.Name == "ToolHive.Provider.DebugLog" && c.Observed!.StartsWith("Provider failed to validate token provider=other error=failed to parse token: token is unverifiable: error while executing keyfunc: JWKS registration failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RealIdp_ToolHiveAllProvidersFailGivesTheServersBytes()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(Config("https://someone-else.test"), "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Bearer realm=\"mcp-registry\", error=\"invalid_token\", error_description=\"token validation failed\", resource_metadata=\"https://registry.example.com/.well-known/oauth-protected-resource\"", verdict.WwwAuthenticate);
        Assert.Equal("{\"error\":\"token validation failed\"}\n", verdict.Body);
        Assert.Contains(verdict.Hints, h => h.StartsWith("[test-idp] aud lacks the exact audience", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RealIdp_ToolHiveWithoutCaCertPathDoesNotTrustTheIdp()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(Config("https://registry.test", withCa: false), "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);
        Assert.Equal(401, verdict.Status);
        Assert.Contains(verdict.Checks, c => c.Name == "ToolHive.Provider.DebugLog" && c.Observed!.Contains("provider=test-idp error=OIDC discovery failed", StringComparison.Ordinal) && c.Observed.Contains("TLS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RealIdp_ToolHiveBlocksTheLoopbackIdpWithoutAllowPrivateIp()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(Config("https://registry.test", allowPrivateIp: false), "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);
        Assert.Equal(401, verdict.Status);
        Assert.Contains(verdict.Checks, c => c.Name == "ToolHive.Provider.DebugLog" && c.Observed!.Contains("provider=test-idp error=OIDC discovery failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RealIdp_ToolHiveFailedDiscoveryIsDiagnosedStepByStepAfterTheDiscoveryCheck()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(Config("https://registry.test", withCa: false), "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);

        Assert.Equal(401, verdict.Status);
        var names = verdict.Checks.Select(c => c.Name).ToList();
        // Provider "other": its jwksUrl on a closed port, diagnosed up to the refused connection.
        var otherJwks = names.IndexOf("ToolHive.Jwt.Jwks");
        Assert.Equal(["Fetch.Dns", "Fetch.PrivateAddress", "Fetch.TcpConnect", "Fetch.Tls", "Fetch.HttpStatus", "Fetch.ContentType", "Fetch.JsonShape", "Fetch.KeyIds", "ToolHive.Provider.DebugLog"], names.Skip(otherJwks + 1).Take(9));
        Assert.Contains("connection refused", verdict.Checks[otherJwks + 3].Observed);
        // Provider "test-idp": discovery URL built as the server builds it; TLS without caCertPath names the untrusted root.
        var discovery = names.IndexOf("ToolHive.Jwt.Discovery");
        Assert.Equal(McpRegistryAuth.Core.Tokens.DiscoveryDocument.ToolHiveUrlFor(idp.Server.Issuer), verdict.Checks[discovery].Expected);
        Assert.Equal(["Fetch.Dns", "Fetch.PrivateAddress", "Fetch.TcpConnect", "Fetch.Tls", "Fetch.HttpStatus", "Fetch.ContentType", "Fetch.JsonShape", "ToolHive.Provider.DebugLog"], names.Skip(discovery + 1).Take(8));
        var tls = verdict.Checks[discovery + 4];
        Assert.False(tls.Passed);
        Assert.Contains("untrusted root", tls.Observed);
        Assert.Contains("the system trust store", tls.Expected);
        Assert.Equal("not evaluated: Fetch.Tls failed", verdict.Checks[discovery + 5].Observed);
        Assert.Contains(verdict.Hints, h => h == "[test-idp] " + tls.Hint);
        Assert.Equal("ToolHive.Provider", verdict.FailedCheck!.Name);
    }

    [Fact]
    public async Task RealIdp_ToolHiveLoopbackIdpWithoutAllowPrivateIpIsDiagnosedAtThePrivateAddressStep()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(Config("https://registry.test", allowPrivateIp: false), "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);

        var blocked = Assert.Single(verdict.Checks, c => c.Name == "Fetch.PrivateAddress" && !c.Passed);
        Assert.Contains("127.0.0.1 (private: blocked without allowPrivateIP)", blocked.Observed);
        Assert.Contains("the provided URL redirects to a private IP address, which is not allowed", blocked.Hint);
    }

    [Fact]
    public async Task RealIdp_ToolHiveLoopbackIssuerRefusedWithoutAllowPrivateIpThenTheNextProviderAccepts()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var yaml = "auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n" +
                   $"      - {{name: blocked, issuerUrl: '{idp.Server.Issuer}', audience: 'https://registry.test', caCertPath: {idp.Server.CaFile}}}\n" +
                   $"      - {{name: allowed, issuerUrl: '{idp.Server.Issuer}', audience: 'https://registry.test', allowPrivateIP: true, caCertPath: {idp.Server.CaFile}}}\n";
        var config = ToolHiveConfigLoader.Load(yaml, "config.yaml").Config!;

        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(config, "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);

        Assert.Equal(200, verdict.Status);
        Assert.Equal("Provider:allowed", verdict.AcceptedBy);
        var discoveryUrl = McpRegistryAuth.Core.Tokens.DiscoveryDocument.ToolHiveUrlFor(idp.Server.Issuer);
        var port = new Uri(idp.Server.Issuer).Port;
        Assert.Contains(verdict.Checks, c => c.Name == "ToolHive.Provider.DebugLog" && c.Observed ==
            $"Provider failed to validate token provider=blocked error=OIDC discovery failed: failed to discover OIDC configuration: failed to fetch OIDC configuration: Get \"{discoveryUrl}\": dial tcp 127.0.0.1:{port}: the provided URL redirects to a private IP address, which is not allowed");
        var names = verdict.Checks.Select(c => c.Name).ToList();
        Assert.True(names.IndexOf("ToolHive.Fetch.Discovery.PrivateAddress") < names.IndexOf("ToolHive.Jwt.Discovery")); // refused before the fetch of the next provider
        Assert.False(verdict.Checks[names.IndexOf("ToolHive.Fetch.Discovery.PrivateAddress")].Passed);
        Assert.True(verdict.Checks[names.LastIndexOf("ToolHive.Fetch.Discovery.PrivateAddress")].Passed);
    }

    [Fact]
    public async Task RealIdp_ToolHiveUnauthenticatedIntrospectionIgnoresCaCertPathAndIsDiagnosed()
    {
        var token = await idp.Server.GetAccessTokenAsync("opaque-client");
        var introspection = idp.Server.BaseUrl + "/token/introspection";
        // Discovery trusts the IdP through caCertPath; introspection without credentials runs on Go's default client (system roots).
        var yaml = "auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n" +
                   $"      - {{name: test-idp, issuerUrl: '{idp.Server.Issuer}', audience: 'https://registry.test', allowPrivateIP: true, caCertPath: {idp.Server.CaFile}, introspectionUrl: '{introspection}'}}\n";
        var config = ToolHiveConfigLoader.Load(yaml, "config.yaml").Config!;

        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(config, "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);

        Assert.Equal(401, verdict.Status);
        Assert.True(Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Jwt.Discovery").Passed);
        var names = verdict.Checks.Select(c => c.Name).ToList();
        var call = names.IndexOf("ToolHive.Introspection.Call");
        Assert.False(verdict.Checks[call].Passed);
        Assert.Equal(["Fetch.Dns", "Fetch.PrivateAddress", "Fetch.TcpConnect", "Fetch.Tls"], names.Skip(call + 1).Take(4));
        var tls = verdict.Checks[call + 4];
        Assert.False(tls.Passed);
        Assert.Contains("untrusted root", tls.Observed);
        Assert.Contains("the system trust store", tls.Expected);
    }

    [Fact]
    public async Task RealIdp_ToolHiveAcceptingProviderHasNoFetchDiagnosis()
    {
        var token = await idp.Server.GetAccessTokenAsync("rs256-client");
        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(Config("https://registry.test"), "/registry/v0.1/servers", "Bearer " + token, DateTimeOffset.UtcNow);

        Assert.Equal(200, verdict.Status);
        var accepting = verdict.Checks.Select(c => c.Name).ToList().LastIndexOf("ToolHive.Provider");
        Assert.DoesNotContain(verdict.Checks.Skip(accepting), c => c.Name.StartsWith("Fetch.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RealIdp_ToolHiveHeaderProblemNeverReachesTheProviders()
    {
        var verdict = await new ToolHiveTokenStage().EvaluateAsync(Config("https://registry.test"), "/registry/v0.1/servers", "bearer x", DateTimeOffset.UtcNow);
        Assert.Equal(401, verdict.Status);
        Assert.Contains("invalid_request", verdict.WwwAuthenticate);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == "ToolHive.Provider");
    }
}
