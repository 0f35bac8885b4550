using McpRegistryAuth.Core.Gateway;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Gateway;

public class ApiTokenGeneratorTests
{
    [Fact]
    public void Generate_32BytesGive43Base64UrlCharactersWithoutPadding()
    {
        var token = ApiTokenGenerator.Generate();
        Assert.Equal(43, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token.Reveal());
    }

    [Theory]
    [InlineData(24, 32)]
    [InlineData(48, 64)]
    public void Generate_LengthFollowsByteCount(int bytes, int length)
    {
        Assert.Equal(length, ApiTokenGenerator.Generate(bytes).Length);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(0)]
    [InlineData(1025)]
    public void Generate_RefusesByteCountsOutsideTheRange(int bytes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiTokenGenerator.Generate(bytes));
    }

    [Fact]
    public void Generate_TokensAreAcceptedByTheServerAndDistinct()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => ApiTokenGenerator.Generate(24)).ToList();
        Assert.All(tokens, t => Assert.True(SigningSecretRule.Validate(t.Reveal(), "REGISTRY_API_TOKEN", required: true).IsAccepted));
        Assert.All(tokens, t => Assert.False(t.Reveal().StartsWith('#')));
        Assert.Equal(tokens.Count, tokens.Select(t => t.Reveal()).Distinct().Count());
    }

    [Fact]
    public void Base64Url_MatchesPythonTokenUrlsafe()
    {
        // base64.urlsafe_b64encode(bytes([0xfb, 0xff, 0xfe])).rstrip(b'=') == b'-__-'
        Assert.Equal("-__-", ApiTokenGenerator.Base64Url([0xfb, 0xff, 0xfe]));
    }
}
