using McpRegistryAuth.Core.Tests.Peers;
using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Tokens;

/// <summary>Issue 13 item 2: the token under test goes only where it was asked, never on to another origin or over plain http.</summary>
public class IntrospectionRedirectTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    // Discovery is not what is tested here: a fixed document, so only introspection goes over the network.
    private static readonly DiscoveryDocument Discovery = new() { Source = "test", Issuer = "https://kc.example.com/realms/acme", JwksUri = "https://kc.example.com/certs" };

    private const string Opaque = "opaque-token-under-test-0123456789";

    // No clientId: ToolHive introspects with Go's default client, which follows redirects and allows plain http.
    private static ToolHiveAuthConfig Config(string introspectionUrl) => ToolHiveConfigLoader.Load(
        "auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n" +
        $"      - {{name: thb, issuerUrl: 'https://kc.example.com/realms/acme', audience: registry-api, introspectionUrl: '{introspectionUrl}'}}\n", "thB.yaml").Config!;

    [Fact]
    public async Task Introspection_NeverFollowsARedirectToAnotherOrigin()
    {
        await using var capture = await LoopbackPeer.StartAsync((_, _) => PeerResponse.Json(200, "{\"active\":true,\"sub\":\"stolen\"}"));
        var elsewhere = capture.Url("/capture").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await using var redirector = await LoopbackPeer.StartAsync((_, _) => new PeerResponse(307, [new("Location", elsewhere)], []));
        var verdict = await new ToolHiveTokenStage(offlineDiscovery: Discovery).EvaluateAsync(Config(redirector.Url("/redir307")), "/registry/v0.1/servers", "Bearer " + Opaque, At);
        Assert.True(capture.Requests.IsEmpty, string.Join("\n", verdict.Checks));
        Assert.True(redirector.Requests.Count == 1, string.Join("\n", verdict.Checks));
        Assert.NotEqual(200, verdict.Status);
        Assert.True(verdict.IsProvisional);
        Assert.Contains(verdict.Checks, c => c.Name == "ToolHive.Introspection.Call" && c.Observed!.Contains("another origin: the server would send your token there", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Introspection_FollowsARedirectWithinTheSameOrigin()
    {
        await using var idp = await LoopbackPeer.StartAsync((_, request) => request.Path == "/old"
            ? new PeerResponse(308, [new("Location", "/introspect")], [])
            : PeerResponse.Json(200, $"{{\"active\":true,\"sub\":\"svc\",\"iss\":\"https://kc.example.com/realms/acme\",\"aud\":\"registry-api\",\"exp\":{At.ToUnixTimeSeconds() + 300}}}"));
        var verdict = await new ToolHiveTokenStage(offlineDiscovery: Discovery).EvaluateAsync(Config(idp.Url("/old")), "/registry/v0.1/servers", "Bearer " + Opaque, At);
        Assert.True(verdict.Status == 200, string.Join("\n", verdict.Checks));
        Assert.Equal(["/old", "/introspect"], idp.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Introspection_NeverSendsTheTokenOverPlainHttpToAHostThatIsNotLoopback()
    {
        using var client = new HttpClient(new RefusingHandler());
        var answer = await IntrospectionClient.IntrospectAsync(client, new Uri("http://idp.example.com/introspect"), new Secret(Opaque), null, null, CancellationToken.None);
        Assert.True(answer.NotSent);
        Assert.Contains("over plain http to http://idp.example.com/introspect", answer.Error);
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the token must not be sent");
    }
}
