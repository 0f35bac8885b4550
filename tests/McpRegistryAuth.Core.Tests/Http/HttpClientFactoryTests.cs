using System.Net;
using System.Net.Http.Headers;
using McpRegistryAuth.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Http;

public class HttpClientFactoryTests
{
    private static async Task<WebApplication> StartTlsServerAsync(TestCertificates certs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1;
            l.UseHttps(certs.Server);
        }));
        var app = builder.Build();
        app.MapGet("/ok", () => Results.Text("ok"));
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task Http_CaFileTrustsExactlyItsCertificates()
    {
        using var certs = new TestCertificates();
        await using var app = await StartTlsServerAsync(certs);
        var url = app.Urls.First().Replace("[::1]", "127.0.0.1") + "/ok";

        using var trusting = HttpClientFactory.Create(new HttpClientOptions { Trust = TrustRoots.FromPem(TestCertificates.Pem(certs.Authority)) });
        Assert.Equal("ok", await trusting.GetStringAsync(url));

        using var other = HttpClientFactory.Create(new HttpClientOptions { Trust = TrustRoots.FromPem(TestCertificates.Pem(certs.OtherAuthority)) });
        await Assert.ThrowsAsync<HttpRequestException>(() => other.GetStringAsync(url));

        using var system = HttpClientFactory.Create(new HttpClientOptions());
        await Assert.ThrowsAsync<HttpRequestException>(() => system.GetStringAsync(url));
    }

    [Fact]
    public async Task Http_PrivateAddressGuardRefusesLoopbackWithToolHiveText()
    {
        using var client = HttpClientFactory.Create(new HttpClientOptions { AllowPrivateAddresses = false });
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://127.0.0.1:9/x"));
        Assert.Contains("dial tcp 127.0.0.1:9: the provided URL redirects to a private IP address, which is not allowed", Flatten(ex));
    }

    [Fact]
    public async Task Http_LogNeverShowsAuthorizationValue()
    {
        var lines = new List<string>();
        using var client = HttpClientFactory.Create(new HttpClientOptions { Log = lines.Add, AllowPrivateAddresses = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/x");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOi.secret-token-value.sig");
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.DoesNotContain("secret-token-value", l));
        Assert.Contains(lines, l => l.Contains("Authorization: Bearer <secret " + Fingerprint.Of("eyJhbGciOi.secret-token-value.sig") + ">"));
    }

    [Fact]
    public void Http_TimeoutsAndProxyFollowOptions()
    {
        using var client = HttpClientFactory.Create(new HttpClientOptions { Timeout = TimeSpan.FromSeconds(7) });
        Assert.Equal(TimeSpan.FromSeconds(7), client.Timeout);
    }

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " | " + Flatten(ex.InnerException);
}
