using McpRegistryAuth.Core.Tests.Http;
using McpRegistryAuth.Core.ToolHive;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolHive;

/// <summary>Spec §1.3 "errors that surface later": files named by the config, mapped with -FileRoot.</summary>
public sealed class ToolHiveFileChecksTests : IDisposable
{
    private const string BuildPrefix = "failed to build application: failed to build auth middleware: ";
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("thv-root-");

    private static string Config(string extra) => $"""
        auth:
          mode: oauth
          oauth:
            resourceUrl: https://registry.example.com
            providers:
              - name: kc
                issuerUrl: https://kc.example.com
                audience: registry
        {extra}
        """;

    private void Put(string containerPath, string content)
    {
        var local = Path.Combine(root.FullName, containerPath.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.WriteAllText(local, content);
    }

    [Fact]
    public void ClientSecretFile_MissingUnderFileRootIsLstatError()
    {
        var report = ToolHiveConfigLoader.Load(Config("        clientSecretFile: /etc/secrets/kc"), "c.yaml", fileRoot: root.FullName);
        var error = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.ClientSecretFile);
        Assert.Equal(BuildPrefix + "failed to read client secret for provider \"kc\": failed to read client secret: failed to resolve path: lstat /etc/secrets/kc: no such file or directory", error.Message);
        Assert.True(error.ExactText);
        Assert.Equal(9, error.Line);
        Assert.Equal(error, report.FirstError);
    }

    [Fact]
    public void ClientSecretFile_PresentUnderFileRootPasses()
    {
        Put("/etc/secrets/kc", "s3cret\n");
        var report = ToolHiveConfigLoader.Load(Config("        clientSecretFile: /etc/secrets/kc"), "c.yaml", fileRoot: root.FullName);
        Assert.True(report.ServerWouldStart);
        Assert.DoesNotContain(report.Findings, f => f.Message.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void CaCertPath_WithoutPemCertificateFails()
    {
        Put("/etc/ssl/ca.crt", "hello\n");
        var report = ToolHiveConfigLoader.Load(Config("        caCertPath: /etc/ssl/ca.crt"), "c.yaml", fileRoot: root.FullName);
        var error = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.CaCertPath);
        Assert.Equal(BuildPrefix + "failed to create multi-provider middleware: failed to create validator for provider \"kc\": failed to create HTTP client: failed to parse CA certificate bundle", error.Message);
    }

    [Fact]
    public void CaCertPath_ValidBundlePasses()
    {
        using var certs = new TestCertificates();
        Put("/etc/ssl/ca.crt", TestCertificates.Pem(certs.Authority));
        var report = ToolHiveConfigLoader.Load(Config("        caCertPath: /etc/ssl/ca.crt"), "c.yaml", fileRoot: root.FullName);
        Assert.True(report.ServerWouldStart);
        Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.CaCertReplacesSystemRoots);
    }

    [Fact]
    public void AuthTokenFile_EmptyFails()
    {
        Put("/var/run/token", "  \n");
        var report = ToolHiveConfigLoader.Load(Config("        authTokenFile: /var/run/token"), "c.yaml", fileRoot: root.FullName);
        var error = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.AuthTokenFile);
        Assert.EndsWith("failed to create HTTP client: failed to create token source: auth token file is empty", error.Message);
    }

    [Fact]
    public void AuthTokenFile_MissingFails()
    {
        var report = ToolHiveConfigLoader.Load(Config("        authTokenFile: /var/run/token"), "c.yaml", fileRoot: root.FullName);
        var error = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.AuthTokenFile);
        Assert.EndsWith("failed to read auth token file: open /var/run/token: no such file or directory", error.Message);
    }

    [Fact]
    public void Files_NotOnThisMachineAreInfoNotChecked()
    {
        var report = ToolHiveConfigLoader.Load(Config("        authTokenFile: /no/such/dir/token-" + Guid.NewGuid()), "c.yaml");
        Assert.True(report.ServerWouldStart);
        var info = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.FileNotCheckedHere);
        Assert.Equal(FindingSeverity.Info, info.Severity);
        Assert.Equal(9, info.Line);
    }

    [Fact]
    public void Files_AnonymousModeChecksNoFiles()
    {
        var report = ToolHiveConfigLoader.Load("auth:\n  mode: anonymous\n  oauth:\n    providers:\n      - {name: a, issuerUrl: https://i, audience: x, authTokenFile: /t}\n", "c.yaml", fileRoot: root.FullName);
        Assert.DoesNotContain(report.Findings, f => f.Code == ToolHiveFindingCodes.AuthTokenFile);
    }

    public void Dispose() => root.Delete(recursive: true);
}

public sealed class ToolHiveBuildTimeTests : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("thv-build-");

    private const string Provider = "auth:\n  mode: oauth\n  oauth:\n    resourceUrl: https://r\n    providers:\n      - name: kc\n        issuerUrl: https://kc\n        audience: a\n";

    [Fact]
    public void SkipOidcDiscovery_WithoutJwksUrlFailsAtBuild()
    {
        var report = ToolHiveConfigLoader.Load(Provider, "c.yaml", new Dictionary<string, string> { ["TOOLHIVE_SKIP_OIDC_DISCOVERY"] = "true" });
        var error = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.SkipDiscoveryWithoutJwksUrl);
        Assert.Contains("TOOLHIVE_SKIP_OIDC_DISCOVERY=true requires explicit JWKSURL in config.", error.Message);
        Assert.False(report.ServerWouldStart);
    }

    [Fact]
    public void SkipOidcDiscovery_WithJwksUrlPasses()
    {
        var report = ToolHiveConfigLoader.Load(Provider + "        jwksUrl: https://kc/keys\n", "c.yaml", new Dictionary<string, string> { ["TOOLHIVE_SKIP_OIDC_DISCOVERY"] = "true" });
        Assert.True(report.ServerWouldStart);
    }

    [Fact]
    public void ClientSecretFile_RelativePathMustBeAbsolute()
    {
        File.WriteAllText(Path.Combine(root.FullName, "secret.txt"), "x");
        var report = ToolHiveConfigLoader.Load(Provider + "        clientSecretFile: secret.txt\n", "c.yaml", fileRoot: root.FullName);
        var error = Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.ClientSecretFile);
        Assert.EndsWith("failed to read client secret: path must be absolute: secret.txt", error.Message);
    }

    [Fact]
    public void CaCertPath_RelativePathAllowed()
    {
        File.WriteAllText(Path.Combine(root.FullName, "ca.pem"), "nothing here");
        var report = ToolHiveConfigLoader.Load(Provider + "        caCertPath: ca.pem\n", "c.yaml", fileRoot: root.FullName);
        Assert.EndsWith("failed to parse CA certificate bundle", Assert.Single(report.Findings, f => f.Code == ToolHiveFindingCodes.CaCertPath).Message);
    }

    [Fact]
    public void ClientSecret_EnvironmentSecretServesEveryProvider()
    {
        var yaml = Provider + "        clientId: registry\n        introspectionUrl: https://kc/introspect\n";
        Assert.Single(ToolHiveConfigLoader.Load(yaml).Findings, f => f.Code == ToolHiveFindingCodes.ClientIdWithoutSecret);
        Assert.DoesNotContain(ToolHiveConfigLoader.Load(yaml, "c.yaml", new Dictionary<string, string> { ["TOOLHIVE_OIDC_CLIENT_SECRET"] = "s" }).Findings,
            f => f.Code == ToolHiveFindingCodes.ClientIdWithoutSecret);
    }

    [Fact]
    public void ProtectedResourceMetadata_ServedOnlyInOAuthMode()
    {
        var oauth = ToolHiveConfigLoader.Load(Provider).Config!;
        Assert.Equal("{\"resource\":\"https://r\",\"authorization_servers\":[\"https://kc\"],\"bearer_methods_supported\":[\"header\"]}", ProtectedResourceMetadataDocument.Serve(oauth));
        var anonymous = ToolHiveConfigLoader.Load("auth:\n  mode: anonymous\n  oauth:\n    resourceUrl: https://r\n").Config!;
        Assert.Null(ProtectedResourceMetadataDocument.Serve(anonymous));
    }

    public void Dispose() => root.Delete(recursive: true);
}
