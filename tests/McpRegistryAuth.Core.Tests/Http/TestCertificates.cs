using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace McpRegistryAuth.Core.Tests.Http;

/// <summary>A throw-away CA and a 127.0.0.1 server certificate it signed, for loopback TLS tests.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=McpRegistryAuth Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Authority = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=127.0.0.1", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = leafRequest.Create(Authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(leafKey);
        // Round-trip through PFX so the private key is usable by SslStream on every platform.
        Server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);

        // The same names and issuer, but its validity ended an hour ago (inside the CA's own validity).
        using var expired = leafRequest.Create(Authority, DateTimeOffset.UtcNow.AddHours(-12), DateTimeOffset.UtcNow.AddHours(-1), [5, 6, 7, 8]);
        using var expiredWithKey = expired.CopyWithPrivateKey(leafKey);
        ExpiredServer = X509CertificateLoader.LoadPkcs12(expiredWithKey.Export(X509ContentType.Pfx), null);

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        OtherAuthority = new CertificateRequest("CN=Unrelated CA", otherKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    public X509Certificate2 Authority { get; }

    public X509Certificate2 OtherAuthority { get; }

    public X509Certificate2 Server { get; }

    /// <summary>Issued by <see cref="Authority"/> for 127.0.0.1 and localhost; expired an hour ago.</summary>
    public X509Certificate2 ExpiredServer { get; }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    public void Dispose()
    {
        Authority.Dispose();
        OtherAuthority.Dispose();
        Server.Dispose();
        ExpiredServer.Dispose();
    }
}
