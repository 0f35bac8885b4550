using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Tests.Peers;
using McpRegistryAuth.Core.Tests.Tokens;

namespace McpRegistryAuth.Core.Tests.Http;

public class FetchDiagnosisTests
{
    private static FetchDiagnosis Diagnosis(bool allowPrivate = true, TimeSpan? timeout = null, Secret? bearer = null) =>
        new(new FetchDiagnosisOptions
        {
            Client = new HttpClientOptions { AllowPrivateAddresses = allowPrivate, Timeout = timeout ?? TimeSpan.FromSeconds(10) },
            Bearer = bearer,
            BearerSource = bearer is null ? null : "/etc/thv/token",
        });

    private static Task<LoopbackPeer> Serve(int status, string contentType, string body) =>
        LoopbackPeer.StartAsync((_, _) => new PeerResponse(status, [new("Content-Type", contentType)], Encoding.UTF8.GetBytes(body)));

    private static Check Step(FetchDiagnosisReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);

    [Fact]
    public async Task Fetch_DnsFailureForReservedInvalidNameStopsBeforeConnect()
    {
        var report = await Diagnosis().RunAsync(new Uri("https://idp.example.invalid/.well-known/openid-configuration"), FetchDocumentKind.Discovery);

        Assert.Equal(FetchDiagnosis.Dns, report.FailedStep);
        var dns = report.Checks[0];
        Assert.Equal(FetchDiagnosis.Dns, dns.Name);
        Assert.False(dns.Passed);
        Assert.Contains("idp.example.invalid", dns.Observed);
        Assert.Equal(dns.Hint, report.Fix);
        string[] later = [FetchDiagnosis.PrivateAddress, FetchDiagnosis.TcpConnect, FetchDiagnosis.Tls, FetchDiagnosis.HttpStatus, FetchDiagnosis.ContentType, FetchDiagnosis.JsonShape];
        Assert.Equal(later, report.NotEvaluated);
        Assert.Equal(later, report.Checks.Skip(1).Select(c => c.Name));
        Assert.All(report.Checks.Skip(1), c => Assert.Equal("not evaluated: Fetch.Dns failed", c.Observed));
    }

    [Fact]
    public async Task Fetch_ConnectionRefusedOnClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var report = await Diagnosis().RunAsync(new Uri($"http://127.0.0.1:{port}/jwks"), FetchDocumentKind.Jwks);

        Assert.Equal(FetchDiagnosis.TcpConnect, report.FailedStep);
        Assert.True(Step(report, FetchDiagnosis.Dns).Passed);
        Assert.True(Step(report, FetchDiagnosis.PrivateAddress).Passed);
        Assert.Contains($"127.0.0.1:{port}: connection refused", Step(report, FetchDiagnosis.TcpConnect).Observed);
        Assert.Equal("not evaluated: Fetch.TcpConnect failed", Step(report, FetchDiagnosis.HttpStatus).Observed);
        Assert.Contains(FetchDiagnosis.KeyIds, report.NotEvaluated);
    }

    [Fact]
    public async Task Fetch_PrivateAddressBlockedWithoutAllowPrivateIP()
    {
        await using var peer = await Serve(200, "application/json", TestJwt.DefaultJwks());

        var blocked = await Diagnosis(allowPrivate: false).RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);

        Assert.Equal(FetchDiagnosis.PrivateAddress, blocked.FailedStep);
        var check = Step(blocked, FetchDiagnosis.PrivateAddress);
        Assert.Contains("127.0.0.1 (private: blocked without allowPrivateIP)", check.Observed);
        Assert.Contains($"dial tcp 127.0.0.1:{peer.BaseUri.Port}: the provided URL redirects to a private IP address, which is not allowed", check.Hint);
        Assert.Empty(peer.Requests);

        var allowed = await Diagnosis(allowPrivate: true).RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);
        Assert.True(allowed.Succeeded);
        Assert.Contains("blocked without allowPrivateIP", Step(allowed, FetchDiagnosis.PrivateAddress).Observed);
        Assert.Equal("any address (allowPrivateIP: true)", Step(allowed, FetchDiagnosis.PrivateAddress).Expected);
    }

    [Fact]
    public async Task Fetch_HangingServerGivesTimeOutCheck()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptSocketAsync(); // accepts and never answers

        var watch = Stopwatch.StartNew();
        var report = await Diagnosis(timeout: TimeSpan.FromSeconds(1)).RunAsync(new Uri($"http://127.0.0.1:{port}/jwks"), FetchDocumentKind.Jwks);
        watch.Stop();

        Assert.Equal(FetchDiagnosis.HttpStatus, report.FailedStep);
        Assert.True(Step(report, FetchDiagnosis.TcpConnect).Passed);
        Assert.Contains("timed out after 1 s", Step(report, FetchDiagnosis.HttpStatus).Observed);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(8));
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Fetch_CallerCancellationStopsTheDiagnosis()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptSocketAsync();
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Diagnosis(timeout: TimeSpan.FromSeconds(30)).RunAsync(new Uri($"http://127.0.0.1:{port}/jwks"), FetchDocumentKind.Jwks, ctrlC.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Fetch_NotFoundStopsAtHttpStatus()
    {
        await using var peer = await Serve(404, "text/plain", "not found");

        var report = await Diagnosis().RunAsync(new Uri(peer.Url("/realm/.well-known/openid-configuration")), FetchDocumentKind.Discovery);

        Assert.Equal(FetchDiagnosis.HttpStatus, report.FailedStep);
        Assert.StartsWith("404", Step(report, FetchDiagnosis.HttpStatus).Observed);
        Assert.Equal([FetchDiagnosis.ContentType, FetchDiagnosis.JsonShape], report.NotEvaluated);
    }

    [Fact]
    public async Task Fetch_WrongContentTypeIsReportedThenTheBodyIsJudged()
    {
        await using var html = await Serve(200, "text/html", "<html><body>Sign in</body></html>");
        var login = await Diagnosis().RunAsync(new Uri(html.Url("/jwks")), FetchDocumentKind.Jwks);
        Assert.False(Step(login, FetchDiagnosis.ContentType).Passed);
        Assert.Equal("text/html", Step(login, FetchDiagnosis.ContentType).Observed);
        Assert.Equal(FetchDiagnosis.JsonShape, login.FailedStep);
        Assert.Contains("starts with \"<html>", Step(login, FetchDiagnosis.JsonShape).Observed);

        // The server decodes the body whatever the type: valid JSON under text/plain still yields keys.
        await using var plain = await Serve(200, "text/plain", TestJwt.DefaultJwks());
        var report = await Diagnosis().RunAsync(new Uri(plain.Url("/jwks")), FetchDocumentKind.Jwks);
        Assert.False(Step(report, FetchDiagnosis.ContentType).Passed);
        Assert.True(report.Succeeded);
    }

    [Fact]
    public async Task Fetch_NonJsonBodyFailsJsonShape()
    {
        await using var peer = await Serve(200, "application/json", "keys: [rsa-1]");

        var report = await Diagnosis().RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);

        Assert.Equal(FetchDiagnosis.JsonShape, report.FailedStep);
        Assert.Contains("not valid JSON", Step(report, FetchDiagnosis.JsonShape).Observed);
        Assert.Equal([FetchDiagnosis.KeyIds], report.NotEvaluated);
    }

    [Fact]
    public async Task Fetch_JsonWithoutKeysFailsJsonShape()
    {
        await using var peer = await Serve(200, "application/json", "{\"issuer\":\"https://idp.test\"}");

        var report = await Diagnosis().RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);

        Assert.Equal(FetchDiagnosis.JsonShape, report.FailedStep);
        Assert.Contains("no \"keys\" array", Step(report, FetchDiagnosis.JsonShape).Observed);
    }

    [Fact]
    public async Task Fetch_JwksReportsItsKidSet()
    {
        await using var peer = await Serve(200, "application/jwk-set+json", TestJwt.DefaultJwks());

        var report = await Diagnosis().RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);

        Assert.True(report.Succeeded);
        Assert.Null(report.FailedStep);
        Assert.Equal(FetchDiagnosis.StepsFor(report.Url, FetchDocumentKind.Jwks), report.Checks.Select(c => c.Name));
        Assert.All(report.Checks, c => Assert.True(c.Passed, c.ToString()));
        var kids = Step(report, FetchDiagnosis.KeyIds).Observed!;
        Assert.Contains("rsa-1 (RSA", kids);
        Assert.Contains("ec-1 (EC", kids);
    }

    [Fact]
    public async Task Fetch_JwksWithoutKidsFailsKeyIds()
    {
        await using var peer = await Serve(200, "application/json", "{\"keys\":[]}");

        var report = await Diagnosis().RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);

        Assert.Equal(FetchDiagnosis.KeyIds, report.FailedStep);
        Assert.Equal("no keys", Step(report, FetchDiagnosis.KeyIds).Observed);
    }

    [Fact]
    public async Task Fetch_DiscoveryShapeNeedsJwksUri()
    {
        await using var without = await Serve(200, "application/json", "{\"issuer\":\"https://idp.test\"}");
        var missing = await Diagnosis().RunAsync(new Uri(without.Url("/.well-known/openid-configuration")), FetchDocumentKind.Discovery);
        Assert.Equal(FetchDiagnosis.JsonShape, missing.FailedStep);
        Assert.Contains("OIDC configuration missing jwks_uri", Step(missing, FetchDiagnosis.JsonShape).Observed);

        await using var with = await Serve(200, "application/json", "{\"issuer\":\"https://idp.test\",\"jwks_uri\":\"https://idp.test/jwks\"}");
        var found = await Diagnosis().RunAsync(new Uri(with.Url("/.well-known/openid-configuration")), FetchDocumentKind.Discovery);
        Assert.True(found.Succeeded);
        Assert.Equal("https://idp.test/jwks", found.JwksUri);
        Assert.DoesNotContain(found.Checks, c => c.Name == FetchDiagnosis.KeyIds);
    }

    [Fact]
    public async Task Fetch_BearerFromAuthTokenFileIsSentAndShownOnlyAsFingerprint()
    {
        const string token = "static-bearer-from-auth-token-file-0123456789";
        await using var peer = await LoopbackPeer.StartAsync((_, request) => request.Authorization == "Bearer " + token
            ? PeerResponse.Json(200, TestJwt.DefaultJwks())
            : PeerResponse.Json(401, "{}"));

        var withBearer = await Diagnosis(bearer: new Secret(token)).RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);
        Assert.True(withBearer.Succeeded);
        var status = Step(withBearer, FetchDiagnosis.HttpStatus).Observed!;
        Assert.Contains($"Bearer <secret {new Secret(token).Fingerprint}> from /etc/thv/token", status);
        Assert.DoesNotContain(withBearer.Checks, c => c.ToString().Contains(token, StringComparison.Ordinal));

        var without = await Diagnosis().RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);
        Assert.Equal(FetchDiagnosis.HttpStatus, without.FailedStep);
        Assert.Contains("authTokenFile", Step(without, FetchDiagnosis.HttpStatus).Hint);
    }

    [Fact]
    public async Task Fetch_BodyLargerThanTheClientLimitFailsJsonShape()
    {
        var huge = "{\"keys\":[],\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        await using var peer = await Serve(200, "application/json", huge);

        var report = await Diagnosis().RunAsync(new Uri(peer.Url("/jwks")), FetchDocumentKind.Jwks);

        Assert.Equal(FetchDiagnosis.JsonShape, report.FailedStep);
        Assert.Equal("the body is larger than 1048576 bytes", Step(report, FetchDiagnosis.JsonShape).Observed);
    }
}
