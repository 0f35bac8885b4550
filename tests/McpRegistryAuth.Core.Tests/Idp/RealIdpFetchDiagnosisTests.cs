using Xunit;
using McpRegistryAuth.Core.Http;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>Fetch diagnosis against the real IdP over HTTPS with a CA generated for the run.</summary>
public class RealIdpFetchDiagnosisTests : IClassFixture<PlainIdp>
{
    private readonly PlainIdp idp;

    public RealIdpFetchDiagnosisTests(PlainIdp idp) => this.idp = idp;

    private static FetchDiagnosis Diagnosis(TrustRoots trust) =>
        new(new FetchDiagnosisOptions { Client = new HttpClientOptions { Trust = trust, Timeout = TimeSpan.FromSeconds(10) } });

    private static Check Step(FetchDiagnosisReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    private Uri DiscoveryUrl => new(McpRegistryAuth.Core.Tokens.DiscoveryDocument.ToolHiveUrlFor(idp.Server.Issuer));

    [Fact]
    public async Task Fetch_TlsWithoutTheIdpCaIsAnUntrustedRoot()
    {
        var report = await Diagnosis(TrustRoots.System).RunAsync(DiscoveryUrl, FetchDocumentKind.Discovery);

        Assert.Equal(FetchDiagnosis.Tls, report.FailedStep);
        var tls = Step(report, FetchDiagnosis.Tls);
        Assert.Contains("untrusted root", tls.Observed);
        Assert.Contains("the system trust store", tls.Expected);
        Assert.Contains("caCertPath", tls.Hint);
        Assert.Contains(FetchDiagnosis.HttpStatus, report.NotEvaluated);
    }

    [Fact]
    public async Task Fetch_TlsWithTheIdpCaAsOnlyRootPassesThroughToTheKidSet()
    {
        var trust = TrustRoots.FromPemFile(idp.Server.CaFile);
        var discovery = await Diagnosis(trust).RunAsync(DiscoveryUrl, FetchDocumentKind.Discovery);
        Assert.True(discovery.Succeeded, string.Join("\n", discovery.Checks));
        Assert.Contains(idp.Server.CaFile, Step(discovery, FetchDiagnosis.Tls).Observed);
        Assert.NotNull(discovery.JwksUri);

        var jwks = await Diagnosis(trust).RunAsync(new Uri(discovery.JwksUri!), FetchDocumentKind.Jwks);
        Assert.True(jwks.Succeeded, string.Join("\n", jwks.Checks));
        Assert.Contains("RSA", Step(jwks, FetchDiagnosis.KeyIds).Observed);
    }

    [Fact]
    public async Task Fetch_TlsNameMismatchIsNamed()
    {
        // The IdP's certificate covers only 127.0.0.1; "localhost" reaches the same listener under another name.
        var url = new Uri(DiscoveryUrl.AbsoluteUri.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        var report = await Diagnosis(TrustRoots.FromPemFile(idp.Server.CaFile)).RunAsync(url, FetchDocumentKind.Discovery);

        Assert.Equal(FetchDiagnosis.Tls, report.FailedStep);
        var tls = Step(report, FetchDiagnosis.Tls);
        Assert.Contains("name mismatch: the certificate is for 127.0.0.1, not localhost", tls.Observed);
        Assert.DoesNotContain("untrusted root", tls.Observed);
    }
}
