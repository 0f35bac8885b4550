using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>
/// Generic-proxy requests (X-Generic-Proxy-Kind) in release 1.32 and the same key and verb in release 1.30,
/// which has no generic proxy and so applies its MCP rule.
/// </summary>
public class GenericProxyAccessTests
{
    private static readonly ScopeDefinitions Definitions = Db("""
        [
          {'_id': 'admins', 'group_mappings': ['g-admin'], 'server_access': [{'server': '*', 'methods': ['all'], 'tools': ['*']}]},
          {'_id': 'star', 'group_mappings': ['g-star'], 'server_access': [{'server': 'custom_entity/weather', 'methods': ['*']}]},
          {'_id': 'toolsonly', 'group_mappings': ['g-tools'], 'server_access': [{'server': 'custom_entity/weather', 'methods': [], 'tools': ['*', 'DELETE']}]},
          {'_id': 'readers', 'group_mappings': ['g-read'], 'server_access': [{'server': '/custom_entity/weather/', 'methods': ['get', 'Head']}]},
          {'_id': 'writers', 'group_mappings': ['g-write'], 'server_access': [{'server': 'custom_entity/weather', 'methods': ['http:*']}]},
          {'_id': 'broken', 'group_mappings': ['g-broken'], 'server_access': [{'server': 'custom_entity/weather', 'methods': ['GET', 5]}]}
        ]
        """);

    private static ScopeAccessResult Test(string verb, string scope, GatewayRelease release = GatewayRelease.V132, bool cookie = false, bool resourceBound = false, bool requireBearer = true) =>
        GenericProxyAccess.Test(
            Definitions,
            EffectiveScopeResolver.ForCaller(Definitions, null, [scope]),
            new GenericProxyRequest { EntityType = "custom_entity", RegisteredPath = "/weather", HttpMethod = verb, Release = release, SessionCookie = cookie, ResourceBound = resourceBound, RequireBearerForWrites = requireBearer });

    [Theory]
    [InlineData("admins")]
    [InlineData("star")]
    [InlineData("toolsonly")]
    public void V132_WildcardsAndToolsNeverGrantAVerb(string scope)
    {
        var result = Test("DELETE", scope);
        Assert.False(result.Allowed);
        Assert.Equal(403, result.Status);
        Assert.Equal("Access denied to custom_entity/weather.DELETE", result.Detail);
        Assert.Contains(result.Checks, c => c.Name == ScopeCheckNames.FgacRule && c.Observed!.Contains("verbs never fall through to tools", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("admins", ScopeGrantBranch.MethodWildcard)]
    [InlineData("star", ScopeGrantBranch.MethodWildcard)]
    [InlineData("toolsonly", ScopeGrantBranch.MethodListedUnderTools)]
    public void V130_TheSameKeyAndVerbAreGrantedByTheMcpRule(string scope, ScopeGrantBranch branch)
    {
        var result = Test("DELETE", scope, GatewayRelease.V130);
        Assert.True(result.Allowed);
        Assert.Equal(branch, result.GrantedBy!.Branch);
        Assert.Contains(result.Warnings, w => w.Contains("has no generic proxy", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("get")]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public void V132_ExplicitVerbsMatchInAnyCase_AndTheServerKeyIsNormalised(string verb)
    {
        var result = Test(verb, "readers");
        Assert.True(result.Allowed);
        Assert.Equal(verb.ToUpperInvariant(), result.Method);
        Assert.Equal("custom_entity/weather", result.Server);
        Assert.Equal(ScopeGrantBranch.HttpVerbListed, result.GrantedBy!.Branch);
    }

    [Fact]
    public void V132_AnUnlistedVerbIsDenied()
    {
        var result = Test("POST", "readers");
        Assert.False(result.Allowed);
        Assert.Equal("Access denied to custom_entity/weather.POST", result.Detail);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PATCH")]
    [InlineData("options")]
    public void V132_HttpWildcardGrantsEveryVerb(string verb)
    {
        var result = Test(verb, "writers");
        Assert.True(result.Allowed);
        Assert.Equal(ScopeGrantBranch.HttpVerbWildcard, result.GrantedBy!.Branch);
    }

    [Fact]
    public void V132_AMethodsItemThatIsNotAStringDeniesOnError()
    {
        var result = Test("GET", "broken");
        Assert.False(result.Allowed);
        Assert.NotNull(result.DeniedOnError);
        Assert.Contains("AttributeError", result.DeniedOnError!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("put")]
    public void V132_ACookieWriteIsRefusedWithTheGatewaysText_EvenWithAGrant(string verb)
    {
        var result = Test(verb, "writers", cookie: true);
        Assert.False(result.Allowed);
        Assert.Equal(403, result.Status);
        Assert.Equal("State-changing requests to proxied resources require a Bearer token (cookie auth refused as a CSRF defense)", result.Detail);
        Assert.Contains(result.Checks, c => c.Name == ScopeCheckNames.FgacGenericCookieWrite && !c.Passed);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public void V132_ACookieMaySendVerbsThatChangeNothing(string verb) => Assert.True(Test(verb, "writers", cookie: true).Allowed);

    [Fact]
    public void V132_CookieWritesPassWhenTheSettingIsOff()
    {
        var result = Test("DELETE", "writers", cookie: true, requireBearer: false);
        Assert.True(result.Allowed);
        Assert.Contains(result.Checks, c => c.Name == ScopeCheckNames.FgacGenericCookieWrite && c.Passed && c.Observed!.Contains("GATEWAY_GENERIC_REQUIRE_BEARER_FOR_WRITES=false", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public void V132_AResourceBoundTokenIsAlwaysRefused(string verb)
    {
        var result = Test(verb, "writers", resourceBound: true);
        Assert.False(result.Allowed);
        Assert.Equal(403, result.Status);
        Assert.Equal("Resource-bound tokens cannot access this endpoint", result.Detail);
        Assert.Contains(result.Checks, c => c.Name == ScopeCheckNames.FgacGenericResourceBound && !c.Passed);
    }

    [Fact]
    public void V130_CookieAndResourceBindingAreNotGenericRouteRules()
    {
        Assert.True(Test("DELETE", "star", GatewayRelease.V130, cookie: true, resourceBound: true).Allowed);
    }

    [Fact]
    public void NoScopes_IsDeniedBeforeFgac()
    {
        var result = GenericProxyAccess.Test(Definitions, EffectiveScopeResolver.ForCaller(Definitions, null, []), new GenericProxyRequest { EntityType = "custom_entity", RegisteredPath = "weather", HttpMethod = "GET" });
        Assert.Equal("Access denied to custom_entity/weather.GET - user has no scopes configured", result.Detail);
    }

    [Fact]
    public void EvaluatorAndIndexAgreeOnTheseDefinitions()
    {
        foreach (var scope in new[] { "admins", "star", "toolsonly", "readers", "writers", "broken" })
        {
            foreach (var verb in HttpVerbMethods.Verbs)
            {
                DecideHttpVerb(Definitions, [scope], "custom_entity/weather", verb);
            }
        }
    }
}
