using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace McpRegistryAuth.Net8Probe;

/// <summary>
/// A minimal OpenID provider over HTTPS on 127.0.0.1 for the MSAL check: discovery and a client-credentials
/// token endpoint, one request per connection. Its self-signed certificate is written as a PEM file for
/// the core's -CaCertPath trust.
/// </summary>
internal sealed class TlsIdentityProvider : IDisposable
{
    public const string AccessToken = "net8-probe-access-token";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 certificate;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public TlsIdentityProvider()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // A round trip through PKCS#12 gives SslStream a certificate whose private key it can use on every platform.
        certificate = new X509Certificate2(created.Export(X509ContentType.Pkcs12), (string?)null, X509KeyStorageFlags.Exportable);
        CaCertificatePath = Path.Combine(Path.GetTempPath(), $"net8probe-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(CaCertificatePath, certificate.ExportCertificatePem());
        listener.Start();
        Authority = new Uri($"https://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/probe");
        loop = Task.Run(ServeAsync);
    }

    public Uri Authority { get; }

    public string CaCertificatePath { get; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener stopping ends the loop with an exception; nothing is waiting for it.
        }

        File.Delete(CaCertificatePath);
        certificate.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        await using (var tls = new SslStream(client.GetStream()))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(certificate);
                var (method, path) = await ReadRequestAsync(tls);
                var issuer = Authority.AbsoluteUri.TrimEnd('/');
                var (status, body) = (method, path) switch
                {
                    ("GET", "/probe/.well-known/openid-configuration") => (200,
                        $"{{\"issuer\":\"{issuer}\",\"token_endpoint\":\"{issuer}/token\",\"authorization_endpoint\":\"{issuer}/authorize\",\"jwks_uri\":\"{issuer}/jwks\"," +
                        "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"client_secret_post\"]}"),
                    ("POST", "/probe/token") => (200, $"{{\"access_token\":\"{AccessToken}\",\"token_type\":\"Bearer\",\"expires_in\":3600}}"),
                    _ => (404, "{\"error\":\"not_found\"}"),
                };
                var bytes = Encoding.UTF8.GetBytes(body);
                var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Not Found")}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(head));
                await tls.WriteAsync(bytes);
                await tls.FlushAsync();
            }
            catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
            {
                // A client that gave up (or refused the certificate) is the client's story, told by the check.
            }
        }
    }

    // The request line and headers, then as many body bytes as Content-Length says (the body itself is not needed).
    private static async Task<(string Method, string Path)> ReadRequestAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!(buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("the client closed the connection");
            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n");
        var parts = lines[0].Split(' ');
        var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read));
            if (n == 0) break;
            read += n;
        }

        return (parts[0], parts[1].Split('?')[0]);
    }
}
