using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// The stages below HTTP, each timed on its own connection: the name resolved, a TCP connection, and for
/// https the TLS handshake with the module's trust roots. A failure says which stage and why.
/// </summary>
public static class McpNetworkProbe
{
    /// <summary>Runs DNS, TCP and (https) TLS; returns the steps and the failure of the first stage that failed.</summary>
    public static async Task<(IReadOnlyList<McpConnectionStep> Steps, McpFailure? Failure)> ProbeAsync(Uri uri, Http.TrustRoots trust, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(trust);
        var steps = new List<McpConnectionStep>();
        var clock = Stopwatch.StartNew();
        IPAddress[] addresses;
        var host = uri.IdnHost;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
            steps.Add(new McpConnectionStep(McpStepNames.Dns, true, Elapsed(clock), string.Join(", ", addresses.Take(4).Select(a => a.ToString()))));
        }
        catch (SocketException ex)
        {
            steps.Add(new McpConnectionStep(McpStepNames.Dns, false, Elapsed(clock), ex.Message));
            return (steps, new McpFailure(McpFailureClass.Unreachable, McpStepNames.Dns, $"The host name '{host}' does not resolve: {ex.Message}.",
                "Check the host name in the URL and this machine's DNS (a gateway behind a VPN or in a private zone needs that network).", FailureCategory.ConnectionError));
        }

        clock.Restart();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        Socket? socket = null;
        Exception? last = null;
        foreach (var address in addresses)
        {
            var candidate = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await candidate.ConnectAsync(new IPEndPoint(address, uri.Port), timeoutSource.Token).ConfigureAwait(false);
                socket = candidate;
                break;
            }
            catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                candidate.Dispose();
                last = ex is OperationCanceledException ? new TimeoutException($"no answer within {timeout.TotalSeconds:0.#} s") : ex;
            }
        }

        if (socket is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            steps.Add(new McpConnectionStep(McpStepNames.Tcp, false, Elapsed(clock), $"{uri.Host}:{uri.Port}: {last?.Message}"));
            return (steps, new McpFailure(McpFailureClass.Unreachable, McpStepNames.Tcp, $"Nothing accepts connections on {uri.Host}:{uri.Port}: {last?.Message}.",
                "Check the port and that the server (or the gateway's nginx) runs and is reachable from here (firewall, security group).",
                last is TimeoutException ? FailureCategory.OperationTimeout : FailureCategory.ConnectionError));
        }

        using (socket)
        {
            steps.Add(new McpConnectionStep(McpStepNames.Tcp, true, Elapsed(clock), $"{socket.RemoteEndPoint}"));
            if (uri.Scheme != Uri.UriSchemeHttps) return (steps, null);
            clock.Restart();
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions { TargetHost = uri.IdnHost };
            if (trust.Authorities is not null)
            {
                options.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => certificate is X509Certificate2 cert && trust.Validate(cert, chain, errors);
            }

            try
            {
                await ssl.AuthenticateAsClientAsync(options, timeoutSource.Token).ConfigureAwait(false);
                var certificate = ssl.RemoteCertificate is { } remote ? new X509Certificate2(remote) : null;
                steps.Add(new McpConnectionStep(McpStepNames.Tls, true, Elapsed(clock), $"{ssl.SslProtocol}, certificate {certificate?.GetNameInfo(X509NameType.SimpleName, false)} until {certificate?.NotAfter.ToUniversalTime():yyyy-MM-dd}"));
                return (steps, null);
            }
            catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                steps.Add(new McpConnectionStep(McpStepNames.Tls, false, Elapsed(clock), ex.Message));
                return (steps, new McpFailure(McpFailureClass.Unreachable, McpStepNames.Tls, $"The TLS handshake with {uri.Host}:{uri.Port} failed: {ex.Message}.",
                    "Check the certificate (name, expiry, issuer); a private CA must be in the system's trust store or the profile's CaCertPath.", FailureCategory.SecurityError));
            }
        }
    }

    private static double Elapsed(Stopwatch clock) => clock.Elapsed.TotalMilliseconds;
}
