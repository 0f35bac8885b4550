using McpRegistryAuth.Core.Gateway;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.GatewayTestData;

namespace McpRegistryAuth.Core.Tests.Gateway;

/// <summary>Reference sections 2.8 (release 1.24.x) and 3 (federation static token).</summary>
public class ReleaseAndFederationTests
{
    [Fact]
    public void V124_ApiTokenIsNotStrippedSoPaddingNeverMatches()
    {
        var config = Config(GatewayRelease.V124, ("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", LegacyToken + " "));
        Assert.Contains(config.Findings, f => f.Code == "GW003");
        var verdict = Evaluate(config, Bearer("https://gw/api/servers", LegacyToken));
        Assert.False(CheckNamed(verdict, "Gateway.StaticToken.Match").Passed);
    }

    [Fact]
    public void V124_HasNoStrengthCheck()
    {
        var config = Config(GatewayRelease.V124, ("REGISTRY_STATIC_TOKEN_AUTH_ENABLED", "true"), ("REGISTRY_API_TOKEN", "changeme"));
        Assert.False(config.StartupRefused);
        Assert.Equal(200, Evaluate(config, Bearer("https://gw/api/servers", "changeme")).Status);
    }

    private static StaticTokenConfig Federation(params (string, string)[] extra) =>
        EnabledLegacy([("FEDERATION_STATIC_TOKEN_AUTH_ENABLED", "true"), ("FEDERATION_STATIC_TOKEN", OpsKey), .. extra]);

    [Fact]
    public void Federation_MissingHeaderIsAnImmediate401()
    {
        var verdict = Evaluate(Federation(), Request("https://gw/api/federation/export"));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("{\"detail\":\"Authorization header required\"}", verdict.Body);
        Assert.Null(verdict.FallsThroughTo);
    }

    [Fact]
    public void Federation_NonBearerIsAnImmediate401()
    {
        var verdict = Evaluate(Federation(), Request("https://gw/api/peers/x", ("Authorization", "Basic abc")));
        Assert.Equal("Authorization header must use Bearer scheme", verdict.Detail);
    }

    [Fact]
    public void Federation_MatchGrantsFederationPeerWithFederationReadScope()
    {
        var verdict = Evaluate(Federation(), Bearer("https://gw/api/federation/export", OpsKey));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("federation-peer", verdict.Identity);
        Assert.Equal("federation-static", verdict.ClientId);
        Assert.Equal(["federation/read"], verdict.Scopes);
        Assert.Contains(verdict.Warnings, w => w.Contains("403"));
    }

    [Fact]
    public void Federation_MismatchFallsThroughToTheRegistryStaticToken()
    {
        var verdict = Evaluate(Federation(), Bearer("https://gw/api/peers/list", LegacyToken));
        Assert.Equal("StaticToken:legacy", verdict.AcceptedBy);
    }

    [Fact]
    public void Federation_BarePeersPrefixIgnoresRootPath()
    {
        Assert.True(GatewayPaths.IsFederation("/api/peersXYZ", "/registry"));
        Assert.False(GatewayPaths.IsFederation("/registry/api/federationX", "/registry"));
    }

    [Fact]
    public void Federation_WeakTokenDisablesTheFeatureWithoutStoppingTheServer()
    {
        var config = Config(("FEDERATION_STATIC_TOKEN_AUTH_ENABLED", "true"), ("FEDERATION_STATIC_TOKEN", "short"));
        Assert.False(config.FederationEnabled);
        Assert.False(config.StartupRefused);
        Assert.Contains(config.Findings, f => f.Code == "GW007");
    }

    [Fact]
    public void Agent_PathUsesOnlyXAuthorization()
    {
        Assert.True(GatewayPaths.IsAgent("/agent/travel/planner", ""));
        Assert.False(GatewayPaths.IsAgent("/agent//x", ""));
        Assert.False(GatewayPaths.IsAgent("/agent/", ""));
        var verdict = Evaluate(EnabledLegacy(), Request("https://gw/agent/travel", ("Authorization", "Bearer x")));
        Assert.False(CheckNamed(verdict, "Gateway.Credential.Header").Passed);
        Assert.Equal(401, verdict.Status);
    }
}
