using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace McpRegistryAuth.Core.Tests.Idp;

/// <summary>A throw-away CA and a 127.0.0.1 server certificate it signed, made for one test run.</summary>
internal sealed class TestCertificateAuthority : IDisposable
{
    public TestCertificateAuthority()
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=McpRegistryAuth Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        ServerKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", ServerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        Server = serverRequest.Create(Ca, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(12));
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public RSA ServerKey { get; }

    /// <summary>Writes the server certificate and its key (0600) as PEM files for node.</summary>
    public (string CertFile, string KeyFile, string CaFile) WritePem(string directory)
    {
        var cert = Path.Combine(directory, "server.crt");
        var key = Path.Combine(directory, "server.key");
        var ca = Path.Combine(directory, "ca.crt");
        File.WriteAllText(cert, Server.ExportCertificatePem() + "\n" + Ca.ExportCertificatePem() + "\n");
        File.WriteAllText(ca, Ca.ExportCertificatePem() + "\n");
        File.WriteAllText(key, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(key, ServerKey.ExportPkcs8PrivateKeyPem() + "\n");
        return (cert, key, ca);
    }

    /// <summary>An HttpClient whose only trusted root is this CA, as ToolHive's caCertPath makes it.</summary>
    public HttpClient CreateTrustingClient(TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        return new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        ServerKey.Dispose();
    }
}
