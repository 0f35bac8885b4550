using System.Net;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>Spec §1.5: HTTPS enforced at load (issuer only), at the discovery pre-check and in the transport; §2.6 dial block.</summary>
public class ToolHiveFetchRulesTests
{
    [Theory]
    [InlineData("http://localhost:8080", null)]
    [InlineData("http://127.0.0.1", null)]
    [InlineData("http://[::1]:9000", null)]
    [InlineData("http://LOCALHOST:8080", "invalid issuer URL: endpoint must use HTTPS: http://LOCALHOST:8080")]
    [InlineData("http://idp.example.com", "invalid issuer URL: endpoint must use HTTPS: http://idp.example.com")]
    [InlineData("https://idp.example.com", null)]
    public void Fetch_DiscoveryPrecheckExemptsLoopback(string issuer, string? expected) =>
        Assert.Equal(expected, ToolHiveFetchRules.DiscoveryPrecheck(issuer, insecureAllowHttp: false, disableUrlValidation: false));

    [Fact]
    public void Fetch_TransportHasNoLoopbackExemption()
    {
        Assert.Equal("the supplied URL http://localhost:8080/.well-known/openid-configuration is not HTTPS scheme",
            ToolHiveFetchRules.Transport("http://localhost:8080/.well-known/openid-configuration", false, false));
        Assert.Null(ToolHiveFetchRules.Transport("http://localhost:8080/x", insecureAllowHttp: true, disableUrlValidation: false));
        Assert.Null(ToolHiveFetchRules.Transport("http://localhost:8080/x", insecureAllowHttp: false, disableUrlValidation: true));
    }

    [Fact]
    public void Fetch_LocalhostIdpNeedsBothFlags()
    {
        var provider = new ToolHiveProvider { Index = 0, Name = "local", IssuerUrl = "http://localhost:8080", Audience = "a" };
        var noFlags = ToolHiveFetchRules.Evaluate(provider, false, new Dictionary<string, string>(), [IPAddress.Loopback]);
        Assert.True(noFlags.Single(c => c.Name == "ToolHive.Fetch.DiscoveryPrecheck").Passed);
        Assert.False(noFlags.Single(c => c.Name == "ToolHive.Fetch.HttpsTransport").Passed);
        Assert.Equal("dial tcp 127.0.0.1:8080: the provided URL redirects to a private IP address, which is not allowed",
            noFlags.Single(c => c.Name == "ToolHive.Fetch.PrivateAddress").Hint);

        var both = ToolHiveFetchRules.Evaluate(provider with { AllowPrivateIP = true }, true, new Dictionary<string, string>(), [IPAddress.Loopback]);
        Assert.All(both, c => Assert.True(c.Passed));
    }

    [Fact]
    public void Fetch_JwksUrlSkipsDiscoveryPrecheck()
    {
        var provider = new ToolHiveProvider { Index = 0, IssuerUrl = "https://kubernetes.default.svc.cluster.local", JwksUrl = "https://kubernetes.default.svc/openid/v1/jwks", AllowPrivateIP = false };
        var checks = ToolHiveFetchRules.Evaluate(provider, false, new Dictionary<string, string>(), [IPAddress.Parse("10.96.0.1")]);
        Assert.DoesNotContain(checks, c => c.Name == "ToolHive.Fetch.DiscoveryPrecheck");
        Assert.Equal("dial tcp 10.96.0.1:443: the provided URL redirects to a private IP address, which is not allowed", checks.Single(c => !c.Passed).Hint);
    }
}
