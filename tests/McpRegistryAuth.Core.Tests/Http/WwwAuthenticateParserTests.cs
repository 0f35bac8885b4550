using McpRegistryAuth.Core.Http;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Http;

public class WwwAuthenticateParserTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "toolhive", "http", name));

    [Fact]
    public void Challenge_ToolHiveInvalidRequestHeaderParsed()
    {
        var challenge = Assert.Single(WwwAuthenticateParser.Parse(Fixture("401-invalid-request.www-authenticate")));
        Assert.True(challenge.IsBearer);
        Assert.Equal("mcp-registry", challenge.Realm);
        Assert.Equal("invalid_request", challenge.Error);
        Assert.Equal("missing or malformed authorization header", challenge.ErrorDescription);
        Assert.Equal("https://registry.example.com/.well-known/oauth-protected-resource", challenge.ResourceMetadata);
        Assert.Empty(challenge.Problems);
    }

    [Fact]
    public void Challenge_McpScopeChallengeParsed()
    {
        var challenge = Assert.Single(WwwAuthenticateParser.Parse(
            "Bearer error=\"insufficient_scope\", scope=\"files:read files:write\", resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource\", error_description=\"Additional file write permission required\""));
        Assert.Equal("files:read files:write", challenge.Scope);
        Assert.Equal("insufficient_scope", challenge.Error);
    }

    [Fact]
    public void Challenge_EscapedQuoteInRealmUnescaped()
    {
        var challenge = Assert.Single(WwwAuthenticateParser.Parse("Bearer realm=\"my\\\"realm\", error=\"invalid_token\""));
        Assert.Equal("my\"realm", challenge.Realm);
    }

    [Fact]
    public void Challenge_SeveralSchemesSplit()
    {
        var challenges = WwwAuthenticateParser.Parse("Basic realm=\"x\", Bearer realm=\"y\", error=invalid_token");
        Assert.Equal(["Basic", "Bearer"], challenges.Select(c => c.Scheme));
        Assert.Equal("invalid_token", challenges[1].Error);
    }

    [Fact]
    public void Challenge_Token68Recognised()
    {
        var challenge = Assert.Single(WwwAuthenticateParser.Parse("Negotiate abc123=="));
        Assert.Equal("abc123==", challenge.Token68);
    }

    [Fact]
    public void Challenge_DuplicateParameterIsAProblem() =>
        Assert.NotEmpty(Assert.Single(WwwAuthenticateParser.Parse("Bearer realm=\"a\", realm=\"b\"")).Problems);

    [Fact]
    public void Challenge_UnterminatedQuoteIsAProblemNotAnException() =>
        Assert.NotEmpty(Assert.Single(WwwAuthenticateParser.Parse("Bearer realm=\"abc")).Problems);

    [Fact]
    public void Challenge_EmptyHeaderGivesNoChallenge() => Assert.Empty(WwwAuthenticateParser.Parse("  "));

    [Theory]
    [InlineData("https://resource.example.com/resource1", "https://resource.example.com/.well-known/oauth-protected-resource/resource1")]
    [InlineData("https://resource.example.com/resource1/", "https://resource.example.com/.well-known/oauth-protected-resource/resource1")]
    [InlineData("https://resource.example.com/", null)]
    public void WellKnown_ProtectedResourcePathInserted(string resource, string? expected) =>
        Assert.Equal(expected, WellKnownUrls.ProtectedResourcePathInserted(new Uri(resource)));

    [Fact]
    public void WellKnown_AuthorizationServerOrderWithPath() =>
        Assert.Equal(
        [
            "https://auth.example.com/.well-known/oauth-authorization-server/tenant1",
            "https://auth.example.com/.well-known/openid-configuration/tenant1",
            "https://auth.example.com/tenant1/.well-known/openid-configuration",
        ], WellKnownUrls.AuthorizationServerMetadata(new Uri("https://auth.example.com/tenant1")));

    [Fact]
    public void WellKnown_AuthorizationServerOrderWithoutPath() =>
        Assert.Equal(
        [
            "https://as.example.com/.well-known/oauth-authorization-server",
            "https://as.example.com/.well-known/openid-configuration",
        ], WellKnownUrls.AuthorizationServerMetadata(new Uri("https://as.example.com/")));

    [Fact]
    public void WellKnown_ToolHivePathAppendedForm() =>
        Assert.Equal("https://host/registry/.well-known/oauth-protected-resource", WellKnownUrls.ProtectedResourcePathAppended(new Uri("https://host/registry")));
}
