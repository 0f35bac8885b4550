using System.Text;
using McpRegistryAuth.Core.Go;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>Spec §2.1, §2.3 (discovery URL), §3.2, §3.4 and §3.5: compared with the reference's literal bytes.</summary>
public class ToolHiveHttpLayerTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "toolhive", "http", name));

    private static readonly string[] OraclePublicPaths = ["/openapi.json", "/.well-known", "/metrics", "custom/", "/docs/*", ""];

    [Theory]
    [InlineData("/openapi.json/")]
    [InlineData("/./openapi.json")]
    [InlineData("//.well-known/x")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/metrics/x")]
    [InlineData("/custom/a")]
    public void PublicPath_OracleTablePublic(string path) => Assert.True(PublicPathMatcher.IsPublic(path, OraclePublicPaths));

    [Theory]
    [InlineData("/OPENAPI.JSON")]
    [InlineData("/.well-knownx")]
    [InlineData("/.well-known/../v1/me")]
    [InlineData("/.well-known/..%2fv1/me")]
    [InlineData("/health")]
    [InlineData("/readiness")]
    [InlineData("/version")]
    [InlineData("/docs/a")]
    public void PublicPath_OracleTableNotPublic(string path) => Assert.False(PublicPathMatcher.IsPublic(path, OraclePublicPaths));

    [Theory]
    [InlineData("/.well-known/..%252fv1/me")]
    [InlineData("/.well-known/%252e%252e/v1/me")]
    public void PublicPath_DoubleEncodedSeparatorsNeverPublic(string rawTarget) =>
        Assert.False(PublicPathMatcher.IsPublic(PublicPathMatcher.DecodeRequestPath(rawTarget), OraclePublicPaths));

    [Fact]
    public void PublicPath_EncodedDotDotDecodesToSamePathAndIsNotPublic() =>
        Assert.Equal("/.well-known/../v1/me", PublicPathMatcher.DecodeRequestPath("/.well-known/..%2fv1/me"));

    [Fact]
    public void PublicPath_SlashMakesEverythingPublic() => Assert.True(PublicPathMatcher.IsPublic("/v1/sources", ["/"]));

    [Theory]
    [InlineData("custom/", "/custom")]
    [InlineData("", "/.")]
    [InlineData("/docs/*", "/docs/*")]
    public void PublicPath_ConfigValueNormalisation(string configured, string normalized) =>
        Assert.Equal(normalized, PublicPathMatcher.Normalize(configured));

    [Fact]
    public void PublicPath_DefaultsAreOpenApiAndWellKnownOnly() =>
        Assert.Equal(["/openapi.json", "/.well-known"], ToolHiveAuthConfig.DefaultPublicPaths);

    [Theory]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("//a//b/", "/a/b")]
    [InlineData("/..", "/")]
    [InlineData("a/../..", "..")]
    [InlineData("", ".")]
    public void GoPath_CleanMatchesGo(string input, string expected) => Assert.Equal(expected, GoPath.Clean(input));

    [Fact]
    public void Unauthorized_HeaderProblemBytesMatchReference()
    {
        var response = UnauthorizedResponse.ForHeaderProblem("", "https://registry.example.com");
        Assert.Equal(401, response.Status);
        Assert.Equal(Fixture("401-invalid-request.www-authenticate"), response.WwwAuthenticate);
        Assert.Equal(Encoding.UTF8.GetBytes(Fixture("401-invalid-request.body.json")), response.BodyBytes);
    }

    [Fact]
    public void Unauthorized_ValidationFailureBytesMatchReference()
    {
        var response = UnauthorizedResponse.ForValidationFailure("", "https://registry.example.com");
        Assert.Equal(Fixture("401-invalid-token.www-authenticate"), response.WwwAuthenticate);
        Assert.Equal(Fixture("401-invalid-token.body.json"), response.Body);
        Assert.EndsWith("\n", response.Body);
    }

    [Fact]
    public void Unauthorized_NoResourceUrlOmitsResourceMetadata() =>
        Assert.Equal(Fixture("401-invalid-token-no-resource.www-authenticate"), UnauthorizedResponse.ForValidationFailure("", "").WwwAuthenticate);

    [Fact]
    public void Unauthorized_TrailingSlashResourceGivesDoubleSlash() =>
        Assert.EndsWith("resource_metadata=\"https://registry.example.com//.well-known/oauth-protected-resource\"", UnauthorizedResponse.ForValidationFailure("", "https://registry.example.com/").WwwAuthenticate);

    [Fact]
    public void Unauthorized_RealmDefaultsOnlyWhenEmpty()
    {
        Assert.StartsWith("Bearer realm=\" \",", UnauthorizedResponse.ForValidationFailure(" ", "").WwwAuthenticate);
        Assert.StartsWith("Bearer realm=\"corp\",", UnauthorizedResponse.ForValidationFailure("corp", "").WwwAuthenticate);
    }

    [Fact]
    public void Unauthorized_SanitizeRemovesCrLfAndEscapesQuotesButNotBackslashes()
    {
        Assert.Equal("ab\\\"c\\d", UnauthorizedResponse.SanitizeHeaderValue("a\r\nb\"c\\d"));
        Assert.StartsWith("Bearer realm=\"my\\\"realm\",", UnauthorizedResponse.ForValidationFailure("my\"realm", "").WwwAuthenticate);
    }

    [Fact]
    public void Unauthorized_CarriesSecurityHeadersAndJsonType()
    {
        var response = UnauthorizedResponse.ForValidationFailure("", "");
        Assert.Equal("application/json", response.ContentType);
        Assert.Contains(new KeyValuePair<string, string>("X-Content-Type-Options", "nosniff"), response.OtherHeaders);
        Assert.Contains(new KeyValuePair<string, string>("Cross-Origin-Resource-Policy", "same-origin"), response.OtherHeaders);
    }

    [Fact]
    public void ProtectedResourceMetadata_BytesMatchReference()
    {
        var oauth = new ToolHiveOAuthConfig
        {
            ResourceUrl = "https://registry.example.com",
            Providers =
            [
                new ToolHiveProvider { Index = 0, Name = "a", IssuerUrl = "https://idp.example.com", Audience = "x" },
                new ToolHiveProvider { Index = 1, Name = "b", IssuerUrl = "https://kubernetes.default.svc", Audience = "y" },
            ],
        };
        Assert.Equal(Fixture("prm-registry-example.json"), ProtectedResourceMetadataDocument.Build(oauth));
    }

    [Fact]
    public void ProtectedResourceMetadata_EscapesHtmlCharactersAndKeepsDuplicates() =>
        Assert.Equal("{\"resource\":\"https://r/?a=1\\u0026b=\\u003cx\\u003e\",\"authorization_servers\":[\"https://i\",\"https://i\"],\"bearer_methods_supported\":[\"header\"]}",
            ProtectedResourceMetadataDocument.Build("https://r/?a=1&b=<x>", ["https://i", "https://i"]));

    [Fact]
    public void ProtectedResourceMetadata_EmptyResourceKeptAndNoScopes()
    {
        var json = ProtectedResourceMetadataDocument.Build("", ["https://i"]);
        Assert.StartsWith("{\"resource\":\"\",", json);
        Assert.DoesNotContain("scopes_supported", json);
        Assert.False(json.EndsWith('\n'));
    }

    [Theory]
    [InlineData(null, BearerExtraction.HeaderRequired)]
    [InlineData("", BearerExtraction.HeaderRequired)]
    [InlineData("bearer x", BearerExtraction.InvalidFormat)]
    [InlineData("BEARER x", BearerExtraction.InvalidFormat)]
    [InlineData("Basic dXNlcjpwYXNz", BearerExtraction.InvalidFormat)]
    [InlineData("Bearerabc", BearerExtraction.InvalidFormat)]
    [InlineData("Bearer ", BearerExtraction.EmptyToken)]
    [InlineData("Bearer    ", BearerExtraction.EmptyToken)]
    public void Bearer_RejectedHeadersGiveServerLogText(string? header, string expected)
    {
        Assert.Null(BearerExtraction.Extract(header, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Bearer_TokenIsNotTrimmed()
    {
        var token = BearerExtraction.Extract("Bearer  abc", out var error);
        Assert.Null(error);
        Assert.Equal(" abc", token!.Reveal());
    }

    [Theory]
    [InlineData("https://idp/", "https://idp/.well-known/openid-configuration")]
    [InlineData("https://idp//", "https://idp//.well-known/openid-configuration")]
    [InlineData("https://kc/realms/acme", "https://kc/realms/acme/.well-known/openid-configuration")]
    [InlineData("https://kc/realms/acme/", "https://kc/realms/acme/.well-known/openid-configuration")]
    public void Discovery_OneTrailingSlashRemoved(string issuer, string expected) =>
        Assert.Equal(expected, ToolHiveDiscovery.OpenIdConfigurationUrl(issuer));

    [Fact]
    public void Discovery_JwksUrlSkipsDiscovery() =>
        Assert.Null(new ToolHiveProvider { Index = 0, IssuerUrl = "https://i", JwksUrl = "https://i/keys" }.DiscoveryUrl);
}

public class ToolHiveAuthLayerTests
{
    private static readonly ToolHiveAuthConfig Config = ToolHiveConfigLoader.Load(
        "auth:\n  mode: oauth\n  publicPaths: [/docs]\n  oauth:\n    resourceUrl: https://registry.example.com\n    providers:\n      - {name: kc, issuerUrl: https://kc, audience: a}\n").Config!;

    [Fact]
    public void AuthLayer_PublicPathSkipsAuthentication()
    {
        var verdict = ToolHiveAuthLayer.Precheck(Config, "/docs/x", null, out var token);
        Assert.NotNull(verdict);
        Assert.Null(token);
        Assert.Equal("public-path", verdict!.AuthMethod);
    }

    [Fact]
    public void AuthLayer_BadHeaderIsInvalidRequest401()
    {
        var verdict = ToolHiveAuthLayer.Precheck(Config, "/v1/sources", "Basic x", out _);
        Assert.Equal(401, verdict!.Status);
        Assert.Equal("{\"error\":\"missing or malformed authorization header\"}\n", verdict.Body);
        Assert.Contains("error=\"invalid_request\"", verdict.WwwAuthenticate);
        Assert.Equal(BearerExtraction.InvalidFormat, verdict.FailedCheck!.Observed);
    }

    [Fact]
    public void AuthLayer_BearerTokenGoesToProviders()
    {
        Assert.Null(ToolHiveAuthLayer.Precheck(Config, "/unknown", "Bearer abc", out var token));
        Assert.Equal("abc", token!.Reveal());
    }

    [Fact]
    public void AuthLayer_AllProvidersRefusingIsInvalidToken401()
    {
        var verdict = ToolHiveAuthLayer.Rejected(Config, [new Check("ToolHive.Jwt.Issuer", false, "x", "https://kc")]);
        Assert.Equal("Bearer realm=\"mcp-registry\", error=\"invalid_token\", error_description=\"token validation failed\", resource_metadata=\"https://registry.example.com/.well-known/oauth-protected-resource\"", verdict.WwwAuthenticate);
    }
}
