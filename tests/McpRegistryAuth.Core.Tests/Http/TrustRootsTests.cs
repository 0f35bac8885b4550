using System.Net.Security;
using McpRegistryAuth.Core.Http;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Http;

public class TrustRootsTests
{
    [Fact]
    public void CaFile_WithoutPemCertificateFailsWithToolHiveText()
    {
        var ex = Assert.Throws<TrustRootsException>(() => TrustRoots.FromPem("not a certificate\n"));
        Assert.Equal("failed to parse CA certificate bundle", ex.Message);
    }

    [Fact]
    public void CaFile_UnreadableFailsWithOpenText()
    {
        var path = Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid() + ".pem");
        var ex = Assert.Throws<TrustRootsException>(() => TrustRoots.FromPemFile(path));
        Assert.StartsWith($"failed to read CA certificate bundle: open {path}", ex.Message);
    }

    [Fact]
    public void CaFile_ReadsEveryCertificateOfABundle()
    {
        using var certs = new TestCertificates();
        var roots = TrustRoots.FromPem(TestCertificates.Pem(certs.Authority) + TestCertificates.Pem(certs.OtherAuthority));
        Assert.Equal(2, roots.Authorities!.Count);
    }

    [Fact]
    public void CaFile_ReplacesSystemRootsAndTrustsItsOwnCa()
    {
        using var certs = new TestCertificates();
        var roots = TrustRoots.FromPem(TestCertificates.Pem(certs.Authority));
        Assert.True(roots.Validate(certs.Server, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void CaFile_RejectsServerSignedByAnotherCa()
    {
        using var certs = new TestCertificates();
        var roots = TrustRoots.FromPem(TestCertificates.Pem(certs.OtherAuthority));
        Assert.False(roots.Validate(certs.Server, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void CaFile_NameMismatchStaysFatal()
    {
        using var certs = new TestCertificates();
        var roots = TrustRoots.FromPem(TestCertificates.Pem(certs.Authority));
        Assert.False(roots.Validate(certs.Server, null, SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void SystemRoots_AcceptOnlyWhenPlatformAccepts()
    {
        using var certs = new TestCertificates();
        Assert.True(TrustRoots.System.Validate(certs.Server, null, SslPolicyErrors.None));
        Assert.False(TrustRoots.System.Validate(certs.Server, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }
}
