using System.Net;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Tests.Peers;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Http;

/// <summary>Get-RegistryAuthMetadata's discovery against a real loopback peer.</summary>
public class RegistryAuthMetadataClientTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "toolhive", "http", name));

    /// <summary>Tests never leave the machine: any non-loopback host fails like an unreachable one.</summary>
    private sealed class LoopbackOnlyHandler() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri!.Host == "127.0.0.1"
                ? base.SendAsync(request, cancellationToken)
                : throw new HttpRequestException($"no route to {request.RequestUri.Host} from the test");
    }

    private static HttpClient Client() => new(new LoopbackOnlyHandler()) { Timeout = TimeSpan.FromSeconds(20) };

    private static string Document(string resource, params string[] issuers) => ProtectedResourceMetadataDocument.Build(resource, issuers);

    [Fact]
    public async Task Peer_ServesReference401BytesOverHttp()
    {
        await using var peer = await ToolHiveRegistryPeer.StartAsync(_ => Fixture("prm-registry-example.json"), _ => "https://registry.example.com");
        using var client = Client();
        using var response = await client.GetAsync(peer.Url("/registry/default/v0.1/servers"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Fixture("401-invalid-request.www-authenticate"), string.Join(", ", response.Headers.GetValues("WWW-Authenticate")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "toolhive", "http", "401-invalid-request.body.json")), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        using var request = new HttpRequestMessage(HttpMethod.Get, peer.Url("/v1/sources"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer not-a-jwt");
        using var second = await client.SendAsync(request);
        Assert.Equal(Fixture("401-invalid-token.www-authenticate"), string.Join(", ", second.Headers.GetValues("WWW-Authenticate")));
    }

    [Fact]
    public async Task Discovery_FollowsChallengeResourceMetadataAndReadsReferenceDocument()
    {
        await using var peer = await ToolHiveRegistryPeer.StartAsync(_ => Fixture("prm-registry-example.json"), b => b.AbsoluteUri.TrimEnd('/'));
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri(peer.Url("/registry/default/v0.1/servers")), null, CancellationToken.None);

        Assert.Equal(401, result.ProbeStatus);
        Assert.Equal(ResourceMetadataSource.Challenge, result.ResourceMetadataSource);
        Assert.Equal(Fixture("prm-registry-example.json"), result.ResourceMetadataDocument);
        Assert.Equal(["https://idp.example.com", "https://kubernetes.default.svc"], result.AuthorizationServers);
        Assert.Equal(["header"], result.BearerMethodsSupported);
        Assert.Equal(2, result.Findings.Count(f => f.Code == MetadataFindingCodes.AuthorizationServerUnreachable));
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.ResourceMismatch);
        Assert.All(peer.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task Discovery_AuthorizationServerTriedInMcpOrder()
    {
        var routes = new Dictionary<string, Func<Uri, PeerResponse>>
        {
            ["/realms/acme/.well-known/openid-configuration"] = b => PeerResponse.Json(200,
                $"{{\"issuer\":\"{b.AbsoluteUri}realms/acme\",\"token_endpoint\":\"{b.AbsoluteUri}realms/acme/token\",\"jwks_uri\":\"{b.AbsoluteUri}realms/acme/certs\",\"code_challenge_methods_supported\":[\"plain\",\"S256\"],\"grant_types_supported\":[\"authorization_code\",\"client_credentials\"]}}"),
        };
        await using var peer = await ToolHiveRegistryPeer.StartAsync(b => Document(b.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri + "realms/acme"), b => b.AbsoluteUri.TrimEnd('/'), routes);
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(peer.BaseUri, null, CancellationToken.None);

        var server = Assert.Single(result.AuthorizationServerMetadata);
        Assert.Equal(
        [
            peer.Url("/.well-known/oauth-authorization-server/realms/acme"),
            peer.Url("/.well-known/openid-configuration/realms/acme"),
            peer.Url("/realms/acme/.well-known/openid-configuration"),
        ], server.TriedUrls);
        Assert.Equal(peer.Url("/realms/acme/token"), server.TokenEndpoint);
        Assert.True(server.SupportsPkceS256);
        Assert.Equal(["authorization_code", "client_credentials"], server.GrantTypesSupported);
        Assert.DoesNotContain(result.Findings, f => f.Code is MetadataFindingCodes.IssuerMismatch or MetadataFindingCodes.NoPkce or MetadataFindingCodes.ResourceMismatch);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.InsecureEndpoint);
    }

    [Fact]
    public async Task Discovery_IssuerMismatchAndMissingPkceReported()
    {
        var routes = new Dictionary<string, Func<Uri, PeerResponse>>
        {
            ["/.well-known/oauth-authorization-server/idp"] = b => PeerResponse.Json(200, $"{{\"issuer\":\"{b.AbsoluteUri}idp/\",\"token_endpoint\":\"{b.AbsoluteUri}idp/token\"}}"),
        };
        await using var peer = await ToolHiveRegistryPeer.StartAsync(b => Document(b.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri + "idp"), b => b.AbsoluteUri.TrimEnd('/'), routes);
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(peer.BaseUri, null, CancellationToken.None);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.IssuerMismatch && f.Severity == FindingSeverity.Error);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.NoPkce);
    }

    [Fact]
    public async Task Discovery_WithoutResourceMetadataFallsBackToRootAndReportsEmptyResource()
    {
        await using var peer = await ToolHiveRegistryPeer.StartAsync(_ => Document("", "https://idp.example.com"), _ => "");
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri(peer.Url("/registry/default/v0.1/servers")), null, CancellationToken.None);
        Assert.Equal(ResourceMetadataSource.Root, result.ResourceMetadataSource);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.NoResourceMetadataParameter);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.ResourceMismatch && f.Severity == FindingSeverity.Error);
        Assert.Contains(result.Checks, c => c.Name == "Metadata.ProtectedResource.PathInserted" && !c.Passed);
    }

    [Fact]
    public async Task Discovery_ToolHiveBaseUrlResourceIsNotedForDeepUrl()
    {
        await using var peer = await ToolHiveRegistryPeer.StartAsync(b => Document(b.AbsoluteUri.TrimEnd('/')), b => b.AbsoluteUri.TrimEnd('/'));
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri(peer.Url("/v1/sources")), null, CancellationToken.None);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.ToolHiveBaseUrlResource);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.NoAuthorizationServers);
    }

    [Fact]
    public async Task Discovery_PathAppendedFormFoundWithWarning()
    {
        await using var peer = await LoopbackPeer.StartAsync((b, r) => r.Path switch
        {
            "/registry/.well-known/oauth-protected-resource" => PeerResponse.Json(200, Document(b.AbsoluteUri + "registry")),
            "/registry" => new PeerResponse(401, [new("WWW-Authenticate", "Bearer realm=\"mcp-registry\"")], []),
            _ => PeerResponse.Json(404, "{}"),
        });
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri(peer.Url("/registry")), null, CancellationToken.None);
        Assert.Equal(ResourceMetadataSource.PathAppended, result.ResourceMetadataSource);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.FoundOnlyPathAppended && f.Severity == FindingSeverity.Warning);
    }

    [Fact]
    public async Task Discovery_GivenHeaderSkipsTheProbe()
    {
        await using var peer = await ToolHiveRegistryPeer.StartAsync(b => Document(b.AbsoluteUri.TrimEnd('/')), b => b.AbsoluteUri.TrimEnd('/'));
        using var client = Client();
        var header = $"Bearer realm=\"mcp-registry\", resource_metadata=\"{peer.Url("/.well-known/oauth-protected-resource")}\"";
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri(peer.Url("/v1/sources")), header, CancellationToken.None);
        Assert.Null(result.ProbeStatus);
        Assert.DoesNotContain(peer.Requests, r => r.Path == "/v1/sources");
        Assert.Equal(ResourceMetadataSource.Challenge, result.ResourceMetadataSource);
    }

    [Fact]
    public async Task Discovery_NothingFoundIsAnError()
    {
        await using var peer = await LoopbackPeer.StartAsync((_, _) => PeerResponse.Json(404, "{}"));
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(peer.BaseUri, null, CancellationToken.None);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.ResourceMetadataNotFound && f.Severity == FindingSeverity.Error);
        Assert.Contains(result.Findings, f => f.Code == MetadataFindingCodes.NoChallenge);
    }
    [Fact]
    public async Task Discovery_ConnectionRefusedIsTheAnswer_NotMissingMetadata()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = Client();
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri($"http://127.0.0.1:{port}/registry/v0.1/servers"), null, CancellationToken.None);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(MetadataFindingCodes.Unreachable, finding.Code);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.StartsWith($"127.0.0.1:{port} gave no HTTP answer: connection refused", finding.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.Unreachable, StringComparison.Ordinal);
        Assert.Null(result.ProbeStatus);
        Assert.Single(result.Checks);
    }

    [Fact]
    public async Task Discovery_NoAnswerWithinTheTimeOutIsTheAnswer()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            using var client = new HttpClient(new LoopbackOnlyHandler()) { Timeout = TimeSpan.FromSeconds(1) };
            var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/registry"), null, CancellationToken.None);
            Assert.Equal(MetadataFindingCodes.Unreachable, Assert.Single(result.Findings).Code);
            Assert.Contains("timed out", result.Unreachable, StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Discovery_WithAHeader_NoCandidateAnsweringIsTheAnswer()
    {
        using var client = Client();
        var header = "Bearer resource_metadata=\"https://registry.invalid/.well-known/oauth-protected-resource\"";
        var result = await new RegistryAuthMetadataClient(client).DiscoverAsync(new Uri("https://registry.invalid/v1/sources"), header, CancellationToken.None);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(MetadataFindingCodes.Unreachable, finding.Code);
        Assert.StartsWith("registry.invalid gave no HTTP answer: no route to registry.invalid", finding.Message, StringComparison.Ordinal);
        Assert.NotNull(result.Challenge);
    }
}
