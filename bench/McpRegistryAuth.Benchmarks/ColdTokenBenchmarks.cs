using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Tests.Idp;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// A cold token (a new connection, discovery and the token request, no cache) through MSAL against the
/// same two requests made with a bare HttpClient. MSAL keeps discovery documents for the process, so each
/// call names the authority with a query string of its own to make MSAL read discovery again. Target:
/// ratio at most 1.5. Results: bench/README.md.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class ColdTokenBenchmarks
{
    private TokenBenchIdp idp = null!;
    private int call;

    [GlobalSetup]
    public void Setup() => idp = TokenBenchIdp.Start();

    [GlobalCleanup]
    public void Cleanup() => idp.Dispose();

    [Benchmark(Baseline = true, Description = "Baseline: HttpClient discovery + token request")]
    public string RawHttpClient()
    {
        using var http = HttpClientFactory.Create(new HttpClientOptions { Trust = idp.Request.Trust });
        using var discovery = JsonDocument.Parse(http.GetStringAsync(idp.Server.Issuer + "/.well-known/openid-configuration").GetAwaiter().GetResult());
        using var post = new HttpRequestMessage(HttpMethod.Post, discovery.RootElement.GetProperty("token_endpoint").GetString())
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("scope", "read")]),
        };
        post.Headers.Authorization = TokenEndpointClient.BasicCredentials("rs256-client", IdpServer.ClientSecret);
        using var response = http.Send(post);
        using var body = JsonDocument.Parse(response.EnsureSuccessStatusCode().Content.ReadAsStream());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    [Benchmark(Description = "Cold token through MSAL (discovery included, no cache)")]
    public string ColdToken() =>
        idp.Get(idp.Request with { Authority = new Uri($"{idp.Server.Issuer}/?call={++call}"), CachePath = null }).Fingerprint;
}
