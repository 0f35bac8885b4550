using McpRegistryAuth.Core.Requests;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Requests;

public class TokenTestRequestTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    private static TokenTestRequest WithHeaders(params (string Name, string Value)[] headers) => new()
    {
        At = At,
        Headers = headers.Select(h => new KeyValuePair<string, Secret>(h.Name, new Secret(h.Value))).ToArray(),
    };

    private static Verdict ServerVerdict() => new()
    {
        RegistryType = RegistryType.Gateway,
        Status = 200,
        Checks = [new Check("Server.Check", true, "seen", "expected")],
    };

    [Fact]
    public void Header_NamesCompareCaseInsensitively() =>
        Assert.Equal("Bearer abc", WithHeaders(("authorization", "Bearer abc")).Header("Authorization")!.Reveal());

    [Fact]
    public void Header_LastOfANameWins() =>
        Assert.Equal("second", WithHeaders(("X-Authorization", "first"), ("x-authorization", "second")).Header("X-Authorization")!.Reveal());

    [Fact]
    public void Header_NotSentIsNull() =>
        Assert.Null(WithHeaders(("Cookie", "a=b")).Header("Authorization"));

    [Fact]
    public void TokenFileChecks_ArePrependedToTheServersChecks()
    {
        var fileCheck = new Check("Gateway.TokenFile.Read", true, "1 line", "one line");
        var request = WithHeaders() with { TokenFileChecks = [fileCheck] };

        var verdict = request.WithTokenFileChecks(ServerVerdict());

        Assert.Equal(["Gateway.TokenFile.Read", "Server.Check"], verdict.Checks.Select(c => c.Name));
        Assert.Equal(200, verdict.Status);
    }

    [Fact]
    public void TokenFileChecks_NoneLeaveTheVerdictAsIs()
    {
        var verdict = ServerVerdict();
        Assert.Same(verdict, WithHeaders().WithTokenFileChecks(verdict));
    }
}
