using McpRegistryAuth.Core.Requests;
using McpRegistryAuth.Core.ToolRegistry;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolRegistry;

public class ToolRegistryTokenTestTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static ToolRegistryTokenTest TokenTest(Version? fastApiVersion = null) =>
        new(new BearerTokenAuth(TokensFile.Parse("tok-one\n", "tokens.txt")), fastApiVersion);

    private static TokenTestRequest Request(string? token = null, string? url = null, params (string Name, string Value)[] headers) => new()
    {
        At = At,
        Token = token is null ? null : new Secret(token),
        Uri = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute),
        Headers = headers.Select(h => new KeyValuePair<string, Secret>(h.Name, new Secret(h.Value))).ToArray(),
    };

    [Fact]
    public void ToolRegistry_NoUrlProbesTools()
    {
        Assert.Equal("/tools", ToolRegistryTokenTest.ProbePath(null));
        Assert.Equal(ToolRegistryTokenTest.DefaultProbePath, TokenTest().ToServerRequest(Request("tok-one")).Path);
    }

    [Theory]
    [InlineData("https://tools.example.com/tools/add?x=1", "/tools/add")]
    [InlineData("/tools/a%2Fb", "/tools/a%2Fb")]
    public void ToolRegistry_ProbePathIsTheUrlPathNotDecoded(string url, string expected) =>
        Assert.Equal(expected, ToolRegistryTokenTest.ProbePath(new Uri(url, UriKind.RelativeOrAbsolute)));

    [Fact]
    public void ToolRegistry_TokenIsSentAsBearer()
    {
        var serverRequest = TokenTest().ToServerRequest(Request("tok-one"));
        Assert.Equal("tok-one", serverRequest.Token!.Reveal());
        Assert.Equal("Bearer", serverRequest.Scheme);
    }

    [Fact]
    public void ToolRegistry_ExplicitAuthorizationHeaderWinsOverToken()
    {
        var verdict = Assert.Single(TokenTest().Answer(Request("tok-one", null, ("authorization", "Bearer wrong-token"))));
        Assert.Equal(401, verdict.Status);
        Assert.Equal(BearerTokenAuth.InvalidToken, verdict.Detail);
    }

    [Fact]
    public void ToolRegistry_IfNoneMatchHeaderIsNoted()
    {
        Assert.True(TokenTest().ToServerRequest(Request("tok-one", null, ("if-none-match", "\"abc\""))).SendsIfNoneMatch);
        Assert.False(TokenTest().ToServerRequest(Request("tok-one")).SendsIfNoneMatch);
    }

    [Fact]
    public void ToolRegistry_FastApiVersionIsPassedToTheServerRequest()
    {
        Assert.Equal(new Version(0, 121, 3), TokenTest(new Version(0, 121, 3)).ToServerRequest(Request()).FastApiVersion);
        Assert.Single(TokenTest(new Version(0, 121, 3)).Answer(Request()));
        Assert.Equal(2, TokenTest().Answer(Request()).Count);
    }

    [Fact]
    public void ToolRegistry_TokenFileChecksComeFirstInEveryVerdict()
    {
        var fileCheck = new Check("Gateway.TokenFile.Read", true, "1 line", "one line");
        var verdicts = TokenTest().Answer(Request() with { TokenFileChecks = [fileCheck] });
        Assert.Equal(2, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal(fileCheck, v.Checks[0]));
    }

    [Fact]
    public void ToolRegistry_QuietAcceptsOnlyWhenEveryVerdictAccepts()
    {
        var accepted = TokenTest().Answer(Request("tok-one"));
        Assert.True(ToolRegistryTokenTest.AllAccepted(accepted));
        var missingHeader = TokenTest().Answer(Request());
        Assert.False(ToolRegistryTokenTest.AllAccepted(missingHeader));
        Assert.False(ToolRegistryTokenTest.AllAccepted([accepted[0], missingHeader[0]]));
    }
}
