using System.Net;
using System.Net.Sockets;

namespace McpRegistryAuth.Core.Http;

/// <summary>
/// The one place the module builds an HttpClient: trust roots (system or exactly a CA file),
/// time-outs, the optional private-address guard at dial time, no proxy unless asked, and a log
/// that never shows a credential.
/// </summary>
public static class HttpClientFactory
{
    public static HttpClient Create(HttpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            UseProxy = options.UseProxy,
            AllowAutoRedirect = options.FollowRedirects,
            MaxAutomaticRedirections = 10,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };

        if (options.Trust.Authorities is not null)
        {
            var trust = options.Trust;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 cert2 && trust.Validate(cert2, chain, errors);
        }

        if (!options.AllowPrivateAddresses)
        {
            handler.ConnectCallback = ConnectRefusingPrivateAddressesAsync;
        }

        HttpMessageHandler pipeline = handler;
        if (options.Log is { } log)
        {
            pipeline = new RedactingLogHandler(log) { InnerHandler = handler };
        }

        if (options.Outermost is { } outermost)
        {
            outermost.InnerHandler = pipeline;
            pipeline = outermost;
        }

        var client = new HttpClient(pipeline, disposeHandler: true)
        {
            Timeout = options.Timeout,
            MaxResponseContentBufferSize = options.MaxResponseBytes,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        return client;
    }

    // Checks the address actually dialled (after DNS), like ToolHive's dialer Control hook.
    private static async ValueTask<Stream> ConnectRefusingPrivateAddressesAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        foreach (var address in addresses)
        {
            if (PrivateAddressClassifier.IsPrivate(address))
            {
                last = new HttpRequestException(PrivateAddressClassifier.BlockedMessage(address, endpoint.Port));
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }

        throw last ?? new HttpRequestException($"no address found for {endpoint.Host}");
    }
}
