using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>One GET of a JSON document (discovery, JWKS) with the failure named the way an operator can act on it.</summary>
internal static class JsonFetch
{
    /// <summary>Largest document accepted; IdP documents are a few KB.</summary>
    public const int MaxBytes = 1 << 20;

    public sealed record Result(string? Body, string? Error, HttpStatusCode? Status = null, TimeSpan? MaxAge = null);

    public static async Task<Result> GetAsync(HttpClient client, Uri uri, string what, CancellationToken cancellationToken)
    {
        using var deadline = Http.ResponseBody.Deadline(client, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
                return new Result(null, $"{what} {uri} returned status {(int)response.StatusCode}", response.StatusCode);
            var (bytes, tooLarge) = await Http.ResponseBody.ReadAsync(response.Content, MaxBytes, deadline.Token).ConfigureAwait(false);
            if (tooLarge) return new Result(null, $"{what} {uri} is larger than {MaxBytes} bytes (reading stopped there)", response.StatusCode);
            // Cache lifetime as httprc reads it: Cache-Control max-age, else Expires.
            var maxAge = response.Headers.CacheControl?.MaxAge
                ?? (response.Content.Headers.Expires is { } expires ? expires - (response.Headers.Date ?? DateTimeOffset.UtcNow) : null);
            return new Result(System.Text.Encoding.UTF8.GetString(bytes), null, response.StatusCode, maxAge);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Result(null, $"{what} {uri}: timed out after {client.Timeout.TotalSeconds:0.#} s (the time-out covers the whole answer, body included)");
        }
        catch (HttpRequestException e)
        {
            return new Result(null, $"{what} {uri}: {Describe(e)}");
        }
    }

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AuthenticationException:
                    return "TLS handshake failed (the server certificate is not trusted by the configured roots, or its name does not match): " + inner.Message;
                case SocketException socket when socket.SocketErrorCode == SocketError.ConnectionRefused:
                    return "connection refused (nothing listens on that port)";
                case SocketException socket when socket.SocketErrorCode == SocketError.HostNotFound:
                    return "DNS lookup failed (host not found)";
                case SocketException socket:
                    return $"network error ({socket.SocketErrorCode})";
            }
        }

        return e.Message;
    }
}
