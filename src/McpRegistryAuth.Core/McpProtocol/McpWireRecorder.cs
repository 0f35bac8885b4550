using System.Diagnostics;
using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// The handler in front of the MCP SDK's HTTP client: puts the token in the module's header (revealed only
/// here, as the request leaves), and keeps each exchange (status, content type, session header, the body of
/// an answer that is not 2xx) so a failure can be classified and a 401/403 diagnosed from what was on the wire.
/// </summary>
public sealed class McpWireRecorder(Secret? token, string headerName, IReadOnlyList<KeyValuePair<string, string>> headers) : DelegatingHandler
{
    private const string SessionHeader = "Mcp-Session-Id";
    private const int MaxKeptBody = 64 * 1024;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<McpExchange> exchanges = [];

    public IReadOnlyList<McpExchange> Exchanges
    {
        get
        {
            lock (exchanges) return exchanges.ToList();
        }
    }

    /// <summary>Called after each exchange (from the thread the SDK runs on).</summary>
    public Action<McpExchange>? OnExchange { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Remove(headerName);
            request.Headers.TryAddWithoutValidation(headerName, TokenHeaderRule.HeaderValue(token).Reveal());
        }

        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        string? body = null;
        if (request.Content is not null)
        {
            // The SDK's content is JSON it serialized itself; read it to know the JSON-RPC method.
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var copy = new StringContent(body, Encoding.UTF8);
            copy.Headers.Clear();
            foreach (var header in request.Content.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            request.Content = copy;
        }

        var started = clock.Elapsed.TotalMilliseconds;
        var exchange = new McpExchange
        {
            Method = request.Method.Method, Uri = request.RequestUri!, RpcMethod = RpcMethodOf(body), RequestBody = body,
            SentSession = request.Headers.Contains(SessionHeader), StartedMs = started,
        };
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Add(exchange with { Milliseconds = clock.Elapsed.TotalMilliseconds - started });
            throw;
        }

        var kept = Array.Empty<byte>();
        if (!response.IsSuccessStatusCode)
        {
            // Buffer a refusal so it can be diagnosed, and hand the SDK the same bytes.
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            kept = bytes.Length > MaxKeptBody ? bytes[..MaxKeptBody] : bytes;
            var replacement = new ByteArrayContent(bytes);
            foreach (var header in response.Content.Headers) replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = replacement;
        }

        var all = response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.ToArray())).ToList();
        Add(exchange with
        {
            Status = (int)response.StatusCode, ContentType = response.Content.Headers.ContentType?.ToString(), GotSession = response.Headers.Contains(SessionHeader),
            Milliseconds = clock.Elapsed.TotalMilliseconds - started, Headers = all, Body = kept,
        });
        return response;
    }

    private void Add(McpExchange exchange)
    {
        lock (exchanges) exchanges.Add(exchange);
        OnExchange?.Invoke(exchange);
    }

    /// <summary>The JSON-RPC method of a request body (an object's "method"), null for anything else.</summary>
    public static string? RpcMethodOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String
                ? method.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
