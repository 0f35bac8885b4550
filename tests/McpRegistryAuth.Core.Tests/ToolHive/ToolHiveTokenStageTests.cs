using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using Xunit;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

using McpRegistryAuth.Core.Tests.Tokens;

namespace McpRegistryAuth.Core.Tests.ToolHive;

public class ToolHiveTokenStageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private static readonly KeySet Keys = KeySet.Parse(DefaultJwks(), "keycloak-certs.json", At, out _)!;

    private static ToolHiveAuthConfig Config(string issuerUrl, string extra = "", IReadOnlyDictionary<string, string>? environment = null) => ToolHiveConfigLoader.Load(
        "auth:\n  mode: oauth\n  publicPaths: [/health]\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n" +
        $"      - {{name: keycloak, issuerUrl: '{issuerUrl}', audience: registry-api{extra}}}\n", "config.yaml", environment).Config!;

    // A plain-http loopback peer passes toolhive's transport only with the insecure flag.
    private static readonly IReadOnlyDictionary<string, string> Insecure = new Dictionary<string, string> { ["THV_REGISTRY_INSECURE_URL"] = "true" };

    private static string Token(string iss) => RsaToken(new { iss, aud = "registry-api", sub = "svc", exp = At.ToUnixTimeSeconds() + 300 });

    [Fact]
    public async Task ToolHiveStage_IssuerTrailingSlashIsTheLoggedReasonBehindTheGeneric401()
    {
        var verdict = await new ToolHiveTokenStage(Keys).EvaluateAsync(Config("https://kc.example.com/realms/acme/"), "/registry/v0.1/servers", "Bearer " + Token("https://kc.example.com/realms/acme"), At);
        Assert.Equal(401, verdict.Status);
        Assert.Equal("token validation failed", verdict.Detail);
        Assert.Contains(verdict.Checks, c => c.Observed == "Provider failed to validate token provider=keycloak error=invalid issuer");
        Assert.Contains(verdict.Hints, h => h.Contains("trailing slash"));
        Assert.Contains(verdict.Warnings, w => w.Contains("discovery was not evaluated"));
    }

    [Fact]
    public async Task ToolHiveStage_AcceptsWithOfflineKeysAndJwksUrl()
    {
        var verdict = await new ToolHiveTokenStage(Keys).EvaluateAsync(Config("https://kc.example.com/realms/acme", ", jwksUrl: 'https://kc.example.com/certs'"), "/registry/v0.1/servers", "Bearer " + Token("https://kc.example.com/realms/acme"), At);
        Assert.Equal(200, verdict.Status);
        Assert.Equal("Provider:keycloak", verdict.AcceptedBy);
        Assert.Empty(verdict.Warnings);
    }

    [Fact]
    public void ToolHiveStage_PesterConfigStartsTheServer()
    {
        // The same file tests/Pester/TestRegistryToken.Jwt.Tests.ps1 writes.
        var yaml = "auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n      - name: keycloak\n" +
                   "        issuerUrl: https://kc.example.com/realms/mcp-gateway/\n        audience: mcp-gateway-web\n" +
                   "        jwksUrl: https://kc.example.com/realms/mcp-gateway/protocol/openid-connect/certs\n";
        var report = ToolHiveConfigLoader.Load(yaml, "config.yaml");
        Assert.True(report.ServerWouldStart, report.FirstError?.ToString());
    }

    [Fact]
    public async Task ToolHiveStage_PublicPathSkipsTheToken()
    {
        var verdict = await new ToolHiveTokenStage(Keys).EvaluateAsync(Config("https://kc.example.com/realms/acme"), "/health", null, At);
        Assert.Equal(200, verdict.Status);
        Assert.Equal("public-path", verdict.AuthMethod);
    }

    [Fact]
    public async Task ToolHiveStage_TokenIsNeverInAMessage()
    {
        var token = Token("https://other");
        var verdict = await new ToolHiveTokenStage(Keys).EvaluateAsync(Config("https://kc.example.com/realms/acme"), "/registry/v0.1/servers", "Bearer " + token, At);
        var text = string.Join("\n", verdict.Checks.Select(c => c.ToString()).Concat(verdict.Hints).Concat(verdict.Warnings));
        foreach (var segment in token.Split('.')) Assert.DoesNotContain(segment, text);
    }

    [Fact]
    public async Task ToolHiveStage_AuthTokenFileIsTheBearerOfTheDiagnosedJwksFetch()
    {
        const string required = "registry-jwks-reader-token-0123456789";
        await using var peer = await McpRegistryAuth.Core.Tests.Peers.LoopbackPeer.StartAsync((_, request) => request.Authorization == "Bearer " + required
            ? McpRegistryAuth.Core.Tests.Peers.PeerResponse.Json(200, DefaultJwks())
            : McpRegistryAuth.Core.Tests.Peers.PeerResponse.Json(401, "{\"error\":\"unauthorized\"}"));
        var directory = Directory.CreateTempSubdirectory("mcpra-authtoken-").FullName;
        try
        {
            var tokenFile = Path.Combine(directory, "token");
            await File.WriteAllTextAsync(tokenFile, "stale-token-from-last-year\n");
            var config = Config("https://kc.example.com/realms/acme", $", jwksUrl: '{peer.Url("/certs")}', allowPrivateIP: true, authTokenFile: '{tokenFile}'", Insecure);
            var stage = new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5));

            var rejected = await stage.EvaluateAsync(config, "/registry/v0.1/servers", "Bearer " + Token("https://kc.example.com/realms/acme"), DateTimeOffset.UtcNow);
            var status = Assert.Single(rejected.Checks, c => c.Name == "Fetch.HttpStatus");
            Assert.False(status.Passed);
            Assert.StartsWith("401", status.Observed);
            Assert.Contains($"Bearer <secret {new Secret("stale-token-from-last-year").Fingerprint}> from authTokenFile {tokenFile}", status.Observed);
            Assert.DoesNotContain(rejected.Checks, c => c.ToString().Contains("stale-token-from-last-year", StringComparison.Ordinal));
            Assert.All(peer.Requests, r => Assert.Equal("Bearer stale-token-from-last-year", r.Authorization));

            await File.WriteAllTextAsync(tokenFile, required + "\n");
            var fetched = await stage.EvaluateAsync(config, "/registry/v0.1/servers", "Bearer " + Token("https://kc.example.com/realms/acme"), DateTimeOffset.UtcNow);
            Assert.DoesNotContain(fetched.Checks, c => c.Name.StartsWith("Fetch.", StringComparison.Ordinal));
            Assert.Contains(fetched.Checks, c => c.Name == "ToolHive.Jwt.Jwks" && c.Passed);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ToolHiveStage_PrivateJwksUrlWithoutAllowPrivateIPIsDiagnosedBeforeAnyConnection()
    {
        // The same file tests/Pester/TestRegistryToken.Jwt.Tests.ps1 writes for its -Verbose test.
        var config = Config("https://kc.example.com/realms/mcp-gateway", ", jwksUrl: 'https://127.0.0.1:9/certs'");

        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(5)).EvaluateAsync(config, "/registry/v0.1/servers", "Bearer " + Token("https://kc.example.com/realms/mcp-gateway"), DateTimeOffset.UtcNow);

        Assert.Equal(401, verdict.Status);
        var blocked = Assert.Single(verdict.Checks, c => c.Name == "Fetch.PrivateAddress");
        Assert.StartsWith("[FAIL] Fetch.PrivateAddress: observed 127.0.0.1 (private: blocked without allowPrivateIP)", blocked.ToString());
        Assert.Equal("not evaluated: Fetch.PrivateAddress failed", Assert.Single(verdict.Checks, c => c.Name == "Fetch.TcpConnect").Observed);
        Assert.Contains(verdict.Hints, h => h.Contains("allowPrivateIP: true", StringComparison.Ordinal));
        // The dial rule is the provider's failure, worded as the server logs it; the step-by-step fetch follows it.
        var names = verdict.Checks.Select(c => c.Name).ToList();
        Assert.Equal(names.IndexOf("ToolHive.Fetch.Jwks.PrivateAddress") + 1, names.IndexOf("Fetch.Dns"));
        Assert.Equal("Provider failed to validate token provider=keycloak error=failed to parse token: token is unverifiable: error while executing keyfunc: JWKS registration failed: failed to register JWKS URL: " +
                     "Get \"https://127.0.0.1:9/certs\": dial tcp 127.0.0.1:9: the provided URL redirects to a private IP address, which is not allowed",
            Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Provider.DebugLog").Observed);
    }

    [Fact]
    public async Task ToolHiveStage_HangingJwksServerIsDiagnosedAsATimeOutAfterTheConnection()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start(); // accepts connections (backlog) and never answers
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        var config = Config("https://kc.example.com/realms/acme", $", jwksUrl: 'http://127.0.0.1:{port}/certs', allowPrivateIP: true", Insecure);

        var verdict = await new ToolHiveTokenStage(noCache: true, timeout: TimeSpan.FromSeconds(1)).EvaluateAsync(config, "/registry/v0.1/servers", "Bearer " + Token("https://kc.example.com/realms/acme"), DateTimeOffset.UtcNow);

        Assert.Equal(401, verdict.Status);
        Assert.Contains("timed out", Assert.Single(verdict.Checks, c => c.Name == "ToolHive.Jwt.Jwks").Observed);
        Assert.True(Assert.Single(verdict.Checks, c => c.Name == "Fetch.TcpConnect").Passed);
        Assert.Equal("timed out after 1 s during this step", Assert.Single(verdict.Checks, c => c.Name == "Fetch.HttpStatus").Observed);
    }
}
