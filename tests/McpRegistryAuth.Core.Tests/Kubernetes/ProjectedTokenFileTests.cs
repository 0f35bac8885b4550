using Xunit;
using McpRegistryAuth.Core.Files;
using McpRegistryAuth.Core.Kubernetes;
using McpRegistryAuth.Core.Reporting;
using McpRegistryAuth.Core.Tests.Tokens;
using McpRegistryAuth.Core.ToolHive;

namespace McpRegistryAuth.Core.Tests.Kubernetes;

public sealed class ProjectedTokenFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    internal static string ServiceAccountJwt(string aud, DateTimeOffset exp, string sub = "system:serviceaccount:toolhive:registry-client") =>
        TestJwt.Sign(new { alg = "RS256", kid = "k1" }, new { iss = "https://kubernetes.default.svc.cluster.local", aud = new[] { aud }, sub, iat = exp.AddHours(-1).ToUnixTimeSeconds(), exp = exp.ToUnixTimeSeconds() });

    // The kubelet's layout: token -> ..data/token, ..data -> a timestamped folder, swapped on rotation.
    private static string Project(TempDirectory dir, string token, string version)
    {
        var folder = Directory.CreateDirectory(dir.File(version)).FullName;
        File.WriteAllText(Path.Combine(folder, "token"), token);
        var data = dir.File("..data");
        if (Directory.Exists(data)) Directory.Delete(data);
        Directory.CreateSymbolicLink(data, folder);
        var link = dir.File("token");
        if (!File.Exists(link) && !Directory.Exists(link)) File.CreateSymbolicLink(link, Path.Combine("..data", "token"));
        return link;
    }

    [Fact]
    public void Current_ReadsClaims_AndChecksSubjectAndExpiry()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("token", ServiceAccountJwt("https://registry.example.com", Now.AddMinutes(50)));
        var token = new ProjectedTokenFile(path).Current(Now);
        Assert.Equal("toolhive", token.Namespace);
        Assert.Equal("registry-client", token.ServiceAccount);
        Assert.Equal(Now.AddMinutes(50), token.ExpiresOn);
        Assert.Equal(["https://registry.example.com"], token.Audiences);
        Assert.All(token.Checks, c => Assert.True(c.Passed, c.Name));
        Assert.DoesNotContain(token.Checks, c => c.Name == KubernetesCheckNames.Audience);
    }

    [Fact]
    public void Current_ReReadsTheFile_WhenTheKubeletRotatesIt()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new TempDirectory();
        var first = ServiceAccountJwt("aud", Now.AddMinutes(10));
        var second = ServiceAccountJwt("aud", Now.AddMinutes(70));
        var path = Project(dir, first, "..2026_12_02_06_00_00.1");
        var file = new ProjectedTokenFile(path);
        Assert.Equal(first, file.Current(Now).Token.Reveal());
        Project(dir, second, "..2026_12_02_06_48_00.2");
        var rotated = file.Current(Now);
        Assert.Equal(second, rotated.Token.Reveal());
        Assert.Equal(Now.AddMinutes(70), rotated.ExpiresOn);
        var rotation = Assert.Single(rotated.Checks, c => c.Name == KubernetesCheckNames.Rotation);
        Assert.StartsWith("rotated: ", rotation.Observed);
        Assert.Contains("unchanged", Assert.Single(file.Current(Now).Checks, c => c.Name == KubernetesCheckNames.Rotation).Observed);
    }

    [Fact]
    public void Audience_IsComparedExactly_WithTheToolHiveProviders()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("token", ServiceAccountJwt("https://kubernetes.default.svc.cluster.local", Now.AddMinutes(50)));
        var provider = new ToolHiveProvider { Index = 0, Name = "kubernetes", Audience = "https://kubernetes.default.svc" };
        var check = Assert.Single(new ProjectedTokenFile(path).Current(Now, provider).Checks, c => c.Name == KubernetesCheckNames.Audience);
        Assert.False(check.Passed);
        Assert.Contains("serviceAccountToken.audience", check.Hint);
        var match = provider with { Audience = "https://kubernetes.default.svc.cluster.local" };
        Assert.True(Assert.Single(new ProjectedTokenFile(path).Current(Now, match).Checks, c => c.Name == KubernetesCheckNames.Audience).Passed);
    }

    [Fact]
    public void ExpiredOrLegacyToken_FailsTheExpiryCheck()
    {
        using var dir = new TempDirectory();
        var expired = dir.Write("expired", ServiceAccountJwt("aud", Now.AddSeconds(-30)));
        Assert.False(Assert.Single(new ProjectedTokenFile(expired).Current(Now).Checks, c => c.Name == KubernetesCheckNames.Expiry).Passed);
        var legacy = dir.Write("legacy", TestJwt.Sign(new { alg = "RS256" }, new { iss = "kubernetes/serviceaccount", sub = "system:serviceaccount:default:old" }));
        var check = Assert.Single(new ProjectedTokenFile(legacy).Current(Now).Checks, c => c.Name == KubernetesCheckNames.Expiry);
        Assert.False(check.Passed);
        Assert.Contains("legacy", check.Hint);
    }

    [Fact]
    public void NotAJwt_OrMissing_IsAFileError()
    {
        using var dir = new TempDirectory();
        Assert.Equal("ServiceAccountTokenNotJwt", Assert.Throws<FileContentException>(() => new ProjectedTokenFile(dir.Write("t", "opaque")).Current(Now)).ErrorId);
        Assert.Equal("ServiceAccountTokenNotFound", Assert.Throws<FileContentException>(() => new ProjectedTokenFile(dir.File("none")).Current(Now)).ErrorId);
    }

    [Fact]
    public void ProviderFrom_PicksTheNamedProvider_OrTheFirstWithAnAudience()
    {
        using var dir = new TempDirectory();
        var config = dir.Write("config.yaml", """
            auth:
              mode: oauth
              oauth:
                resourceUrl: https://registry.example.com
                providers:
                  - name: kubernetes
                    issuerUrl: https://kubernetes.default.svc
                    audience: https://kubernetes.default.svc
                  - name: corp
                    issuerUrl: https://idp.example.com
                    audience: registry
            """);
        Assert.Equal("kubernetes", ProjectedTokenFile.ProviderFrom(config, null).Name);
        Assert.Equal("registry", ProjectedTokenFile.ProviderFrom(config, "corp").Audience);
        Assert.Equal("ToolHiveProviderNotFound", Assert.Throws<CommandFailureException>(() => ProjectedTokenFile.ProviderFrom(config, "other")).ErrorId);
    }
}
