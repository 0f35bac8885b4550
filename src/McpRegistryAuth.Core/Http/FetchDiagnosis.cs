using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.Http;

/// <summary>
/// Runs one GET the way the server's client makes it, step by step, and reports each step as a Check:
/// DNS, the private-address rule, TCP connect, TLS (with the client's roots), HTTP status, content type,
/// JSON shape and, for a JWKS, the kid set. It stops at the first failing step and names the steps it did
/// not run. Every step shares one time-out; the caller's token (Ctrl+C) cancels the whole diagnosis.
/// </summary>
public sealed class FetchDiagnosis
{
    public const string Dns = FetchCheckNames.Dns;
    public const string PrivateAddress = FetchCheckNames.PrivateAddress;
    public const string TcpConnect = FetchCheckNames.TcpConnect;
    public const string Tls = FetchCheckNames.Tls;
    public const string HttpStatus = FetchCheckNames.HttpStatus;
    public const string ContentType = FetchCheckNames.ContentType;
    public const string JsonShape = FetchCheckNames.JsonShape;
    public const string KeyIds = FetchCheckNames.KeyIds;

    private const string DiscoveryShape = "a JSON object with a jwks_uri";
    private const string JwksShape = "a JSON object with a \"keys\" array";

    private readonly FetchDiagnosisOptions options;

    public FetchDiagnosis(FetchDiagnosisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    /// <summary>The steps run for a URL of this scheme and document kind, in order.</summary>
    public static IReadOnlyList<string> StepsFor(Uri url, FetchDocumentKind kind)
    {
        ArgumentNullException.ThrowIfNull(url);
        var steps = new List<string> { Dns, PrivateAddress, TcpConnect };
        if (url.Scheme == Uri.UriSchemeHttps) steps.Add(Tls);
        steps.AddRange([HttpStatus, ContentType, JsonShape]);
        if (kind == FetchDocumentKind.Jwks) steps.Add(KeyIds);
        return steps;
    }

    /// <exception cref="OperationCanceledException">The caller's token was cancelled (a time-out is a Check, not an exception).</exception>
    public async Task<FetchDiagnosisReport> RunAsync(Uri url, FetchDocumentKind kind, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"{url}: only absolute http and https URLs can be fetched", nameof(url));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Client.Timeout);
        var run = new Run(url, kind, options.Client.Timeout, deadline.Token);
        try
        {
            await RunStepsAsync(run).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            run.Fail(run.Current, $"timed out after {run.Timeout.TotalSeconds:0.#} s during this step", "an answer within the time-out",
                "The server gives up at the same time-out; a host that accepts connections but never answers is usually a firewall, a proxy or an overloaded IdP.");
        }

        var steps = StepsFor(url, kind);
        var failed = run.FailedStep;
        var notEvaluated = failed is null ? Array.Empty<string>() : steps.SkipWhile(s => s != failed).Skip(1).ToArray();
        var fix = failed is null ? null : run.Checks.Last(c => c.Name == failed).Hint;
        var checks = run.Checks;
        // Said, in the module's usual form, so -Verbose shows where the fetch stopped.
        checks.AddRange(notEvaluated.Select(step => new Check(step, false, $"not evaluated: {failed} failed", ExpectedOf(step, kind))));
        return new FetchDiagnosisReport { Url = url, Kind = kind, Checks = checks, FailedStep = failed, NotEvaluated = notEvaluated, Fix = fix, JwksUri = run.JwksUri };
    }

    private static string ExpectedOf(string step, FetchDocumentKind kind) => step switch
    {
        PrivateAddress => "an address the server may dial",
        TcpConnect => "a TCP connection",
        Tls => "a trusted certificate for the host",
        HttpStatus => "200",
        ContentType => "application/json (or a +json type)",
        JsonShape => kind switch
        {
            FetchDocumentKind.Discovery => DiscoveryShape,
            FetchDocumentKind.Jwks => JwksShape,
            _ => "a JSON object",
        },
        KeyIds => "the kids the IdP puts in its tokens",
        _ => "the host's addresses",
    };

    private async Task RunStepsAsync(Run run)
    {
        var url = run.Url;
        // Without the brackets of an IPv6 literal, as DNS, IPAddress and the TLS target name want it.
        var host = url.IdnHost.TrimStart('[').TrimEnd(']');
        var port = url.Port;

        // DNS.
        run.Current = Dns;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
            run.Pass(Dns, $"{literal} (an address, no lookup)", "the host's addresses");
        }
        else
        {
            try
            {
                addresses = await System.Net.Dns.GetHostAddressesAsync(host, run.Token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                run.Fail(Dns, $"{host}: {DescribeSocketError(e.SocketErrorCode)}", "the host's addresses",
                    "Check the host name in the URL; the server resolves it from where it runs (inside a cluster the DNS differs from a workstation's).");
                return;
            }

            if (addresses.Length == 0)
            {
                run.Fail(Dns, $"{host}: no address", "the host's addresses", "The name resolves to no address.");
                return;
            }

            run.Pass(Dns, $"{host} -> {string.Join(", ", addresses.Select(a => a.ToString()))}", "the host's addresses");
        }

        // The server's private-address rule, judged on every resolved address.
        run.Current = PrivateAddress;
        var allow = options.Client.AllowPrivateAddresses;
        var blocked = addresses.Where(PrivateAddressClassifier.IsPrivate).ToArray();
        var dialable = allow ? addresses : addresses.Except(blocked).ToArray();
        var described = string.Join(", ", addresses.Select(a => PrivateAddressClassifier.IsPrivate(a) ? $"{a} (private: blocked without allowPrivateIP)" : $"{a} (public)"));
        if (dialable.Length == 0)
        {
            run.Fail(PrivateAddress, described, "a public address (allowPrivateIP: false)",
                $"The server refuses it: {PrivateAddressClassifier.BlockedMessage(blocked[0], port)}. Set allowPrivateIP: true for an IdP on a private network, loopback or a cluster address.");
            return;
        }

        run.Pass(PrivateAddress, described, allow ? "any address (allowPrivateIP: true)" : "a public address (allowPrivateIP: false)");

        // TCP connect, to each dialable address in order as the server's dialer does.
        run.Current = TcpConnect;
        Socket? connected = null;
        var failures = new List<string>();
        foreach (var address in dialable)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
            connectTimeout.CancelAfter(options.Client.ConnectTimeout);
            var watch = Stopwatch.StartNew();
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), connectTimeout.Token).ConfigureAwait(false);
                run.Pass(TcpConnect, $"{Endpoint(address, port)} in {watch.Elapsed.TotalMilliseconds:0} ms", "a TCP connection");
                connected = socket;
                break;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failures.Add($"{Endpoint(address, port)}: {DescribeSocketError(e.SocketErrorCode)}");
            }
            catch (OperationCanceledException) when (!run.Token.IsCancellationRequested)
            {
                socket.Dispose();
                failures.Add($"{Endpoint(address, port)}: no answer within {options.Client.ConnectTimeout.TotalSeconds:0.#} s");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        if (connected is null)
        {
            run.Fail(TcpConnect, string.Join("; ", failures), "a TCP connection",
                "Nothing accepted the connection: the IdP is down, the port is wrong, or a firewall drops the traffic from where the server runs.");
            return;
        }

        using (var stream = new NetworkStream(connected, ownsSocket: true))
        {
            if (url.Scheme == Uri.UriSchemeHttps)
            {
                run.Current = Tls;
                if (!await HandshakeAsync(run, stream, host).ConfigureAwait(false)) return;
            }
        }

        await RequestAsync(run).ConfigureAwait(false);
    }

    private async Task<bool> HandshakeAsync(Run run, NetworkStream stream, string host)
    {
        var trust = options.Client.Trust;
        var roots = trust.Authorities is null
            ? "the system trust store"
            : $"only the {trust.Authorities.Count} certificate(s) of {trust.CaFile ?? "the CA bundle"} (caCertPath replaces the system roots)";
        X509Certificate2? presented = null;
        SslPolicyErrors policyErrors = SslPolicyErrors.None;
        string? problem = null;
        using var tls = new SslStream(stream, leaveInnerStreamOpen: true);
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                presented = certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate));
                policyErrors = errors;
                var trusted = presented is not null && (trust.Authorities is null ? errors == SslPolicyErrors.None : trust.Validate(presented, chain, errors));
                if (!trusted) problem = NameCertificateProblem(presented, chain, errors, trust, host);
                return trusted;
            },
        };

        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
        handshakeTimeout.CancelAfter(options.Client.ConnectTimeout);
        try
        {
            await tls.AuthenticateAsClientAsync(authentication, handshakeTimeout.Token).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            run.Fail(Tls, problem ?? $"handshake failed: {e.Message}", $"a certificate for {host} that chains to {roots}", TlsHint(problem, policyErrors, trust));
            return false;
        }
        catch (IOException e)
        {
            run.Fail(Tls, $"handshake failed: {e.Message}", $"a TLS 1.2+ server for {host}", "The port may not speak TLS (plain HTTP?) or the server closed the connection.");
            return false;
        }
        catch (OperationCanceledException) when (!run.Token.IsCancellationRequested)
        {
            run.Fail(Tls, $"no handshake within {options.Client.ConnectTimeout.TotalSeconds:0.#} s", $"a TLS 1.2+ server for {host}", "The server's TLS handshake time-out is 10 s.");
            return false;
        }

        var leaf = presented!;
        run.Pass(Tls, $"{tls.SslProtocol}, certificate {leaf.Subject} issued by {leaf.Issuer}, valid until {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z; roots: {roots}",
            $"a certificate for {host} that chains to {roots}");
        return true;
    }

    private async Task RequestAsync(Run run)
    {
        run.Current = HttpStatus;
        // What is left of the shared time-out (the linked token enforces it too).
        var remaining = run.Timeout == System.Threading.Timeout.InfiniteTimeSpan ? run.Timeout : run.Remaining;
        using var client = HttpClientFactory.Create(options.Client with { Timeout = remaining == System.Threading.Timeout.InfiniteTimeSpan || remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1) });
        using var request = new HttpRequestMessage(HttpMethod.Get, run.Url);
        request.Headers.Accept.ParseAdd("application/json");
        var bearerNote = "";
        if (options.Bearer is { IsEmpty: false } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer.Reveal());
            bearerNote = $", sent with Authorization: Bearer {bearer}{(options.BearerSource is null ? "" : $" from {options.BearerSource}")}";
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, run.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            run.Fail(HttpStatus, $"no response: {Innermost(e)}{bearerNote}", "200", "The connection was made but the request failed (for a redirect, the target is another host the server must reach).");
            return;
        }

        using (response)
        {
            var final = response.RequestMessage?.RequestUri;
            var redirected = final is not null && final != run.Url ? $" from {final} (after redirects)" : "";
            var status = (int)response.StatusCode;
            var observed = $"{status} {response.ReasonPhrase}{redirected}{bearerNote}";
            if (response.StatusCode != HttpStatusCode.OK)
            {
                run.Fail(HttpStatus, observed, "200", StatusHint(response.StatusCode));
                return;
            }

            run.Pass(HttpStatus, observed, "200");

            // The server decodes the body whatever its content type; a wrong type is reported, not decisive.
            run.Current = ContentType;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var json = mediaType is not null && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal));
            run.Checks.Add(new Check(ContentType, json, mediaType ?? "<none>", "application/json (or a +json type)",
                json ? null : "The server decodes the body whatever its content type, but a non-JSON type usually means a login page, a proxy's error page or a wrong path."));

            run.Current = JsonShape;
            var limit = options.Client.MaxResponseBytes;
            byte[] bytes;
            try
            {
                bytes = await ReadAtMostAsync(response.Content, limit + 1, run.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                run.Fail(JsonShape, $"the body could not be read: {Innermost(e)}", ExpectedOf(JsonShape, run.Kind), "The connection broke while the body was sent.");
                return;
            }

            if (bytes.Length > limit)
            {
                run.Fail(JsonShape, $"the body is larger than {limit} bytes", ExpectedOf(JsonShape, run.Kind),
                    "IdP documents are a few KB; a body this large is not a discovery document or JWKS.");
                return;
            }

            var body = Encoding.UTF8.GetString(bytes);
            Shape(run, body);
        }
    }

    // Reads no more than the limit, so a huge or endless body costs neither memory nor the whole time-out.
    private static async Task<byte[]> ReadAtMostAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void Shape(Run run, string body)
    {
        var source = run.Url.AbsoluteUri;
        switch (run.Kind)
        {
            case FetchDocumentKind.Discovery:
                var document = DiscoveryDocument.Parse(body, source, out var discoveryError);
                if (document is null)
                {
                    run.Fail(JsonShape, $"{discoveryError}{Preview(body)}", DiscoveryShape, "The URL does not serve an OpenID discovery document: check issuerUrl (the server appends /.well-known/openid-configuration to it).");
                    return;
                }

                run.JwksUri = document.JwksUri;
                run.Pass(JsonShape, $"a JSON object; jwks_uri {document.JwksUri}{(document.Issuer is null ? "" : $"; issuer {document.Issuer}")}", DiscoveryShape);
                return;
            case FetchDocumentKind.Jwks:
                var set = KeySet.Parse(body, source, DateTimeOffset.UtcNow, out var jwksError);
                if (set is null)
                {
                    run.Fail(JsonShape, $"{jwksError}{Preview(body)}", JwksShape, "The URL does not serve a JWKS: check jwksUrl, or the jwks_uri of the discovery document.");
                    return;
                }

                run.Pass(JsonShape, $"a JSON object with {set.Describe().Count} key(s)", JwksShape);
                run.Current = KeyIds;
                var kids = set.KeyIds;
                if (kids.Count == 0)
                {
                    run.Fail(KeyIds, set.Describe().Count == 0 ? "no keys" : "no key has a kid", "at least one key with a kid",
                        "ToolHive finds the key by the token's kid; a JWKS without kids matches no token.");
                    return;
                }

                run.Pass(KeyIds, string.Join(", ", set.Describe()), "the kids the IdP puts in its tokens");
                return;
            default:
                try
                {
                    using var parsed = JsonDocument.Parse(body);
                    var kind = parsed.RootElement.ValueKind;
                    if (kind == JsonValueKind.Object) run.Pass(JsonShape, "a JSON object", "a JSON object");
                    else run.Fail(JsonShape, $"a JSON {JsonObjectView.KindName(kind)}", "a JSON object");
                }
                catch (JsonException e)
                {
                    run.Fail(JsonShape, $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}){Preview(body)}", "a JSON object");
                }

                return;
        }
    }

    /// <summary>Names what is wrong with a certificate the client refused: name, validity period, or roots.</summary>
    private static string NameCertificateProblem(X509Certificate2? certificate, X509Chain? presentedChain, SslPolicyErrors errors, TrustRoots trust, string host)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return "no certificate presented";
        var problems = new List<string>();
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            problems.Add($"name mismatch: the certificate is for {CertificateNames(certificate)}, not {host}");

        var now = DateTime.Now;
        if (certificate.NotAfter < now) problems.Add($"expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z");
        else if (certificate.NotBefore > now) problems.Add($"not valid before {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z");

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (trust.Authorities is not null)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trust.Authorities);
        }

        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        chain.Build(certificate);
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
            problems.Add($"untrusted root: the chain from {certificate.Issuer} does not end at a trusted root");
        var other = flags & ~(X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NoError);
        if (other != X509ChainStatusFlags.NoError) problems.Add($"chain error: {other}");
        return problems.Count > 0 ? string.Join("; ", problems) : $"refused ({errors})";
    }

    private static string CertificateNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }

        return names.Count > 0 ? string.Join(", ", names) : certificate.Subject;
    }

    private static string TlsHint(string? problem, SslPolicyErrors errors, TrustRoots trust)
    {
        if (problem is not null && problem.StartsWith("name mismatch", StringComparison.Ordinal))
            return "Use the host name the certificate was issued for in issuerUrl/jwksUrl, or reissue the certificate with that name.";
        if (problem is not null && problem.Contains("expired", StringComparison.Ordinal))
            return "Renew the IdP's certificate.";
        if (trust.Authorities is not null)
            return "caCertPath replaces the system roots: it must hold the CA that issued this certificate (a public IdP then fails, since public roots are no longer trusted).";
        return (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0
            ? "The certificate is not trusted by the system roots: set caCertPath to the CA bundle that issued it."
            : "The TLS handshake failed.";
    }

    private static string StatusHint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "Nothing at this path: check issuerUrl (the server appends /.well-known/openid-configuration) or jwksUrl.",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "The endpoint wants credentials: ToolHive sends authTokenFile's content as a Bearer token on every fetch of this provider.",
        _ when (int)status >= 500 => "The IdP failed; the server retries the fetch on the next request.",
        _ => "The server accepts only 200.",
    };

    private static string Preview(string body)
    {
        var start = body.TrimStart();
        if (start.Length == 0) return " (empty body)";
        var line = start.Split('\n')[0].Trim();
        return line.Length > 60 ? $" (starts with \"{line[..60]}...\")" : $" (starts with \"{line}\")";
    }

    private static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    private static string DescribeSocketError(SocketError error) => error switch
    {
        SocketError.HostNotFound => "host not found (HostNotFound)",
        SocketError.TryAgain => "no answer from DNS (TryAgain)",
        SocketError.NoData => "the name has no address (NoData)",
        SocketError.ConnectionRefused => "connection refused: nothing listens on that port (ConnectionRefused)",
        SocketError.TimedOut => "timed out (TimedOut)",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => $"unreachable ({error})",
        _ => error.ToString(),
    };

    /// <summary>The innermost cause of a failed fetch, a socket error in words.</summary>
    internal static string Innermost(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket) return DescribeSocketError(socket.SocketErrorCode);
            if (inner.InnerException is null) return inner.Message;
        }

        return e.Message;
    }

    private sealed class Run(Uri url, FetchDocumentKind kind, TimeSpan timeout, CancellationToken token)
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();

        public Uri Url { get; } = url;

        public FetchDocumentKind Kind { get; } = kind;

        public TimeSpan Timeout { get; } = timeout;

        /// <summary>The caller's token linked with the time-out.</summary>
        public CancellationToken Token { get; } = token;

        public TimeSpan Remaining => Timeout - watch.Elapsed;

        public string Current { get; set; } = Dns;

        public List<Check> Checks { get; } = new();

        public string? FailedStep { get; private set; }

        public string? JwksUri { get; set; }

        public void Pass(string step, string observed, string expected) => Checks.Add(new Check(step, true, observed, expected));

        public void Fail(string step, string observed, string expected, string? hint = null)
        {
            Checks.Add(new Check(step, false, observed, expected, hint));
            FailedStep = step;
        }
    }
}
