using McpRegistryAuth.Core.Go;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>Spec §1.3 and §1.5: load-time validation order and exact messages.</summary>
public class ToolHiveValidationTests
{
    private const string Prefix = "failed to load configuration: invalid configuration: ";

    private static ToolHiveConfigReport WithIssuer(string issuer, Dictionary<string, string>? env = null) => ToolHiveConfigLoader.Load($"""
        auth:
          mode: oauth
          oauth:
            resourceUrl: https://registry.example.com
            providers:
              - name: kc
                issuerUrl: "{issuer}"
                audience: registry
        """, "c.yaml", env);

    [Fact]
    public void Validation_AuthMissing()
    {
        var report = ToolHiveConfigLoader.Load("sources: []\n");
        Assert.Equal(Prefix + "auth configuration is required", report.FirstError!.Message);
        Assert.True(report.FirstError.ExactText);
    }

    [Theory]
    [InlineData("auth:\n")]
    [InlineData("auth: ~\n")]
    [InlineData("auth: {}\n")]
    public void Validation_AuthNullOrEmptyIsMissing(string yaml) =>
        Assert.Equal(ToolHiveFindingCodes.AuthRequired, ToolHiveConfigLoader.Load(yaml).FirstError!.Code);

    [Fact]
    public void Validation_ModeMissingHasTwoSpaces()
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  publicPaths: [/a]\n");
        Assert.Equal(Prefix + "invalid auth configuration: invalid auth.mode:  (must be 'anonymous' or 'oauth')", report.FirstError!.Message);
    }

    [Theory]
    [InlineData("OAuth")]
    [InlineData("OAUTH")]
    [InlineData("none")]
    public void Validation_ModeIsCaseSensitive(string mode)
    {
        var report = ToolHiveConfigLoader.Load($"auth:\n  mode: {mode}\n");
        Assert.Equal(Prefix + $"invalid auth configuration: invalid auth.mode: {mode} (must be 'anonymous' or 'oauth')", report.FirstError!.Message);
        Assert.Equal(2, report.FirstError.Line);
    }

    [Fact]
    public void Validation_AnonymousDoesNotCheckOAuth()
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  mode: anonymous\n  oauth:\n    providers:\n      - name: x\n");
        Assert.True(report.ServerWouldStart);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.AnonymousOAuthNotChecked);
    }

    [Fact]
    public void Validation_OAuthMissing() =>
        Assert.Equal(Prefix + "invalid auth configuration: auth.oauth is required when mode is oauth", ToolHiveConfigLoader.Load("auth:\n  mode: oauth\n").FirstError!.Message);

    [Fact]
    public void Validation_ProvidersEmpty() =>
        Assert.Equal(Prefix + "invalid auth configuration: auth.oauth.providers is required when mode is oauth",
            ToolHiveConfigLoader.Load("auth:\n  mode: oauth\n  oauth:\n    providers: []\n").FirstError!.Message);

    [Fact]
    public void Validation_ProviderChecksRunNameIssuerAudienceInOrder()
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  mode: oauth\n  oauth:\n    providers:\n      - realm: x\n      - name: b\n        issuerUrl: https://b\n");
        var errors = report.Findings.Where(f => f.Severity == FindingSeverity.Error).Select(f => f.Message[Prefix.Length..]).ToList();
        Assert.Equal(
        [
            "invalid auth configuration: auth.oauth.providers[0].name is required",
            "invalid auth configuration: auth.oauth.providers[0].issuerUrl is required",
            "invalid auth configuration: auth.oauth.providers[0].audience is required",
            "invalid auth configuration: auth.oauth.providers[1].audience is required",
        ], errors);
        Assert.Equal(report.Findings[0], report.FirstError);
        Assert.StartsWith("The server stops at this first error.", report.FirstError!.Fix);
    }

    [Fact]
    public void Validation_IssuerParseErrorIsGoText()
    {
        var report = WithIssuer("https://exa mple.com");
        Assert.Equal(Prefix + "invalid auth configuration: auth.oauth.providers[0].issuerUrl is invalid: parse \"https://exa mple.com\": invalid character \" \" in host name", report.FirstError!.Message);
        Assert.True(report.FirstError.ExactText);
    }

    [Theory]
    [InlineData("idp.example.com")]
    [InlineData("https:///x")]
    [InlineData("localhost:8080")]
    public void Validation_IssuerMustBeAbsoluteWithHost(string issuer) =>
        Assert.Equal(Prefix + "invalid auth configuration: auth.oauth.providers[0].issuerUrl must be an absolute URL with host", WithIssuer(issuer).FirstError!.Message);

    [Theory]
    [InlineData("http://idp.example.com")]
    [InlineData("http://LOCALHOST:9000")]
    [InlineData("http://127.0.0.2")]
    [InlineData("ftp://idp.example.com")]
    public void Validation_IssuerMustUseHttpsUnlessExactLoopback(string issuer) =>
        Assert.Equal(Prefix + "invalid auth configuration: auth.oauth.providers[0].issuerUrl must use HTTPS (set THV_REGISTRY_INSECURE_URL=true to allow HTTP)", WithIssuer(issuer).FirstError!.Message);

    [Theory]
    [InlineData("http://localhost:9000")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://[::1]:8080")]
    public void Validation_LoopbackIssuerExemptAtLoad(string issuer) => Assert.True(WithIssuer(issuer).ServerWouldStart);

    [Fact]
    public void Validation_InsecureFlagAllowsAnyScheme() =>
        Assert.True(WithIssuer("ftp://idp.example.com", new() { ["THV_REGISTRY_INSECURE_URL"] = "true" }).ServerWouldStart);

    [Fact]
    public void Validation_UpperCaseHttpsSchemePassesButWarns()
    {
        var report = WithIssuer("HTTPS://idp.example.com");
        Assert.True(report.ServerWouldStart);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.IssuerSchemeCase);
    }

    [Fact]
    public void Validation_DuplicateProvidersAreValidButWarned()
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://r\n    providers:\n      - {name: a, issuerUrl: https://i, audience: x}\n      - {name: a, issuerUrl: https://i, audience: x}\n");
        Assert.True(report.ServerWouldStart);
        Assert.Equal(2, report.Findings.Count(f => f.Code == ToolHiveFindingCodes.DuplicateProvider));
    }

    [Theory]
    [InlineData("https://a b", "invalid character \" \" in host name")]
    [InlineData("https://host:x1/", "invalid port \":x1\" after host")]
    [InlineData("https://host/%zz", "invalid URL escape \"%zz\"")]
    [InlineData(":foo", "missing protocol scheme")]
    [InlineData("a:b/c", null)]
    [InlineData("https://a{b}", "invalid character \"{\" in host name")]
    public void GoUrl_ParseErrorsUseGoWording(string raw, string? reason)
    {
        var url = GoUrl.Parse(raw, out var error);
        if (reason is null)
        {
            Assert.NotNull(url);
            Assert.Null(error);
        }
        else
        {
            Assert.Null(url);
            Assert.Equal($"parse \"{raw}\": {reason}", error);
        }
    }
}

public class ToolHiveIssuerSlashTests
{
    private static IReadOnlyList<Finding> Lint(string issuer) => ToolHiveConfigLoader.Load(
        $"auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://r\n    providers:\n      - name: p\n        issuerUrl: {issuer}\n        audience: a\n").Findings;

    [Theory]
    [InlineData("https://kc.example.com/realms/acme/", true)]
    [InlineData("https://kc.example.com/realms/acme", false)]
    [InlineData("https://acme.auth0.com", true)]
    [InlineData("https://acme.auth0.com/", false)]
    [InlineData("https://sts.windows.net/tenant-id", true)]
    [InlineData("https://sts.windows.net/tenant-id/", false)]
    [InlineData("https://login.microsoftonline.com/tenant-id/v2.0", false)]
    public void IssuerTrailingSlash_WarnsWhenItDiffersFromWhatTheIdpEmits(string issuer, bool warns) =>
        Assert.Equal(warns, Lint(issuer).Any(f => f.Code == ToolHiveFindingCodes.IssuerTrailingSlash));
}

/// <summary>Spec §1.3 "--auth-mode flag": applied after validation, never re-validated.</summary>
public class ToolHiveAuthModeFlagTests
{
    private const string Anonymous = "auth:\n  mode: anonymous\n";
    private const string AnonymousWithBadOAuth = "auth:\n  mode: anonymous\n  oauth:\n    providers:\n      - name: x\n        issuerUrl: http://idp.example.com\n";

    private static ToolHiveConfigReport Load(string yaml, string flag) => ToolHiveConfigLoader.Load(yaml, "c.yaml", null, null, flag);

    [Fact]
    public void AuthModeFlag_UnknownValueFailsAtBuild()
    {
        var report = Load(Anonymous, "OAuth");
        Assert.Equal("failed to build application: failed to build auth middleware: unsupported auth mode: OAuth", report.FirstError!.Message);
    }

    [Fact]
    public void AuthModeFlag_OAuthWithoutOAuthSectionFailsAtBuild() =>
        Assert.Equal("failed to build application: failed to build auth middleware: oauth configuration is required for oauth mode", Load(Anonymous, "oauth").FirstError!.Message);

    [Fact]
    public void AuthModeFlag_OAuthWithEmptyProvidersFailsAtBuild() =>
        Assert.EndsWith("failed to create multi-provider middleware: at least one provider must be configured",
            Load("auth:\n  mode: anonymous\n  oauth:\n    providers: []\n", "oauth").FirstError!.Message);

    [Fact]
    public void AuthModeFlag_AnonymousFileWithOAuthFlagSkipsProviderValidation()
    {
        var report = Load(AnonymousWithBadOAuth, "oauth");
        Assert.True(report.ServerWouldStart);
        Assert.Equal("oauth", report.Config!.Mode);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.AuthModeFlag && f.Severity == FindingSeverity.Warning);
        Assert.DoesNotContain(report.Findings, f => f.Code is ToolHiveFindingCodes.IssuerNotHttps or ToolHiveFindingCodes.AudienceRequired);
    }

    [Fact]
    public void AuthModeFlag_OAuthFileWithAnonymousFlagStillValidatesOAuth()
    {
        var report = Load("auth:\n  mode: oauth\n  oauth:\n    providers:\n      - name: x\n        issuerUrl: http://idp.example.com\n        audience: a\n", "anonymous");
        Assert.Equal(ToolHiveFindingCodes.IssuerNotHttps, report.FirstError!.Code);
        Assert.Equal("anonymous", report.Config!.Mode);
    }
}
