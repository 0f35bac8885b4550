using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The redirect target of a browser sign-in (RFC 8252 7.3): a listener on 127.0.0.1 only, at a fixed port or
/// a free one, that waits for the one GET of <see cref="CallbackPath"/>, hands its query to the caller, answers
/// the browser with a plain page and closes. Anything else (a favicon request) gets a 404 and the wait goes on.
/// </summary>
public sealed class LoopbackRedirectListener : IDisposable
{
    public const string CallbackPath = "/callback";

    private readonly TcpListener listener;

    private LoopbackRedirectListener(TcpListener listener)
    {
        this.listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public Uri RedirectUri => new($"http://127.0.0.1:{Port}{CallbackPath}");

    /// <param name="port">0 for a free port.</param>
    /// <exception cref="Reporting.CommandFailureException">RedirectPortInUse.</exception>
    public static LoopbackRedirectListener Start(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw UserFlowFailures.RedirectPortInUse(port, ex);
        }

        return new LoopbackRedirectListener(listener);
    }

    /// <summary>The query of the callback request; <paramref name="answer"/> decides the page (success, text) shown for it.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitAsync(Func<IReadOnlyDictionary<string, string>, (bool Ok, string Text)> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            using var stream = client.GetStream();
            using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            readTimeout.CancelAfter(TimeSpan.FromSeconds(10));
            string? target;
            try
            {
                target = await ReadRequestTargetAsync(stream, readTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                continue; // a connection that never sent a request line
            }
            catch (IOException)
            {
                continue;
            }

            var url = target is null ? null : new Uri(new Uri("http://127.0.0.1/"), target);
            if (url is null || url.AbsolutePath != CallbackPath)
            {
                await RespondAsync(stream, 404, "Not found.", cancellationToken).ConfigureAwait(false);
                continue;
            }

            var parsed = HttpUtility.ParseQueryString(url.Query);
            var query = parsed.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => parsed[k] ?? "", StringComparer.Ordinal);
            var (ok, text) = answer(query);
            await RespondAsync(stream, ok ? 200 : 400, text, cancellationToken).ConfigureAwait(false);
            return query;
        }
    }

    public void Dispose() => listener.Dispose();

    /// <summary>The request target of "GET target HTTP/1.1"; null for anything that is not a GET.</summary>
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
            if (Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }

        var line = Encoding.ASCII.GetString(buffer, 0, length).Split("\r\n", 2)[0].Split(' ');
        return line.Length == 3 && line[0] == "GET" && line[1].StartsWith('/') ? line[1] : null;
    }

    private static async Task RespondAsync(NetworkStream stream, int status, string text, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>McpRegistryAuth</title></head><body><p>{WebUtility.HtmlEncode(text)}</p></body></html>");
        var reason = status switch { 200 => "OK", 404 => "Not Found", _ => "Bad Request" };
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
