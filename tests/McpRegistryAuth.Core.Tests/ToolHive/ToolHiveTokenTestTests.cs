using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.Tokens;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

public class ToolHiveTokenTestTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private const string OAuthConfig =
        "auth:\n  mode: oauth\n  publicPaths: [/docs]\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n      - {name: kc, issuerUrl: https://kc, audience: a}\n";

    private static TokenTestRequest Request(string? token = null, string? url = null, params (string Name, string Value)[] headers) => new()
    {
        At = At,
        Token = token is null ? null : new Secret(token),
        Uri = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute),
        Headers = headers.Select(h => new KeyValuePair<string, Secret>(h.Name, new Secret(h.Value))).ToArray(),
    };

    private static ToolHiveTokenTest TokenTest(string yaml) => new(ToolHiveConfigLoader.Load(yaml), new ToolHiveTokenStage());

    [Fact]
    public void ToolHive_TokenBecomesBearerHeader() =>
        Assert.Equal("Bearer tok", ToolHiveTokenTest.AuthorizationHeader(Request("tok")));

    [Fact]
    public void ToolHive_ExplicitAuthorizationHeaderWinsOverToken() =>
        Assert.Equal("Basic x", ToolHiveTokenTest.AuthorizationHeader(Request("tok", null, ("authorization", "Basic x"))));

    [Fact]
    public void ToolHive_EmptyExplicitAuthorizationHeaderStillWins() =>
        Assert.Equal("", ToolHiveTokenTest.AuthorizationHeader(Request("tok", null, ("Authorization", ""))));

    [Fact]
    public void ToolHive_NoTokenAndNoHeaderSendsNoAuthorization() =>
        Assert.Null(ToolHiveTokenTest.AuthorizationHeader(Request(null, null, ("X-Other", "v"))));

    [Fact]
    public void ToolHive_NoUrlIsTheRootPath() => Assert.Equal("/", ToolHiveTokenTest.RequestPath(null));

    [Theory]
    [InlineData("/do%63s/x", "/docs/x")]
    [InlineData("/v1/sources?name=a%2Fb", "/v1/sources")]
    [InlineData("/a%252F", "/a%2F")]
    [InlineData("https://registry.example.com/v1/sources?x=1", "/v1/sources")]
    public void ToolHive_RequestPathIsDecodedOnceWithoutQuery(string url, string expected) =>
        Assert.Equal(expected, ToolHiveTokenTest.RequestPath(new Uri(url, UriKind.RelativeOrAbsolute)));

    [Fact]
    public async Task ToolHive_ExplicitHeaderDecidesTheVerdict()
    {
        var verdict = await TokenTest(OAuthConfig).EvaluateAsync(Request("a-token", "/v1/sources", ("Authorization", "Basic x")));
        Assert.Equal(401, verdict.Status);
        Assert.False(verdict.Checks.Single(c => c.Name == "ToolHive.BearerHeader").Passed);
    }

    [Fact]
    public async Task ToolHive_EncodedPublicPathIsMatchedAfterDecoding()
    {
        var verdict = await TokenTest(OAuthConfig).EvaluateAsync(Request(null, "/do%63s/x"));
        Assert.Equal("public-path", verdict.AuthMethod);
    }

    [Fact]
    public async Task ToolHive_ServerThatDoesNotStartGivesNoStatus()
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  mode: oauth\n");
        Assert.False(report.ServerWouldStart);

        var verdict = await new ToolHiveTokenTest(report, new ToolHiveTokenStage()).EvaluateAsync(Request("tok", "/v1/sources"));

        Assert.Null(verdict.Status);
        Assert.False(verdict.Accepted);
        Assert.Equal("The registry server does not start with this configuration: " + report.FirstError!.Message, verdict.Detail);
        Assert.Equal(report.Findings, verdict.Findings);
    }

    [Fact]
    public async Task ToolHive_TokenFileChecksComeFirst()
    {
        var fileCheck = new Check("Gateway.TokenFile.Read", true, "1 line", "one line");
        var request = Request("a-token", "/v1/sources", ("Authorization", "Basic x")) with { TokenFileChecks = [fileCheck] };

        var verdict = await TokenTest(OAuthConfig).EvaluateAsync(request);

        Assert.Equal(fileCheck, verdict.Checks[0]);
        Assert.Contains(verdict.Checks, c => c.Name == "ToolHive.BearerHeader");
    }

    [Fact]
    public async Task ToolHive_VerdictCarriesTheConfigFindings()
    {
        var report = ToolHiveConfigLoader.Load(OAuthConfig);
        var verdict = await new ToolHiveTokenTest(report, new ToolHiveTokenStage()).EvaluateAsync(Request(null, "/docs"));
        Assert.Equal(report.Findings, verdict.Findings);
    }
}
