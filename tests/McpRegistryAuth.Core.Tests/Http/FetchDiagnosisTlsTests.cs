using System.Net;
using System.Security.Cryptography.X509Certificates;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Tests.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Http;

/// <summary>The TLS step against loopback Kestrel servers with certificates made for the test.</summary>
public class FetchDiagnosisTlsTests
{
    private static async Task<(WebApplication App, Uri Jwks)> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1;
            l.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.MapGet("/jwks", () => Results.Text(TestJwt.DefaultJwks(), "application/json"));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        return (app, new Uri($"https://127.0.0.1:{port}/jwks"));
    }

    private static FetchDiagnosis Diagnosis(TrustRoots trust) =>
        new(new FetchDiagnosisOptions { Client = new HttpClientOptions { Trust = trust, Timeout = TimeSpan.FromSeconds(10) } });

    [Fact]
    public async Task Fetch_TlsExpiredCertificateIsNamed()
    {
        using var certs = new TestCertificates();
        var (app, jwks) = await StartAsync(certs.ExpiredServer);
        await using var _ = app;

        var report = await Diagnosis(TrustRoots.FromPem(TestCertificates.Pem(certs.Authority), "/etc/thv/ca.pem")).RunAsync(jwks, FetchDocumentKind.Jwks);

        Assert.Equal(FetchDiagnosis.Tls, report.FailedStep);
        var tls = Assert.Single(report.Checks, c => c.Name == FetchDiagnosis.Tls);
        Assert.StartsWith("expired on ", tls.Observed);
        Assert.DoesNotContain("untrusted root", tls.Observed);
        Assert.Contains("Renew", tls.Hint);
    }

    [Fact]
    public async Task Fetch_TlsCaCertPathOfAnotherCaIsAnUntrustedRootNamingTheFile()
    {
        using var certs = new TestCertificates();
        var (app, jwks) = await StartAsync(certs.Server);
        await using var _ = app;

        var wrong = await Diagnosis(TrustRoots.FromPem(TestCertificates.Pem(certs.OtherAuthority), "/etc/thv/other-ca.pem")).RunAsync(jwks, FetchDocumentKind.Jwks);
        var tls = Assert.Single(wrong.Checks, c => c.Name == FetchDiagnosis.Tls);
        Assert.False(tls.Passed);
        Assert.Contains("untrusted root", tls.Observed);
        Assert.Contains("only the 1 certificate(s) of /etc/thv/other-ca.pem (caCertPath replaces the system roots)", tls.Expected);

        var right = await Diagnosis(TrustRoots.FromPem(TestCertificates.Pem(certs.Authority), "/etc/thv/ca.pem")).RunAsync(jwks, FetchDocumentKind.Jwks);
        Assert.True(right.Succeeded, string.Join("\n", right.Checks));
        Assert.Contains("rsa-1", Assert.Single(right.Checks, c => c.Name == FetchDiagnosis.KeyIds).Observed);
    }
}
