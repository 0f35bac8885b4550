using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.RegistryApi;

/// <summary>
/// Sends registry API calls on one pooled HttpClient per process (kept-alive connections across calls and
/// commands): the token in the header the rule names, never over plain http to a host that is not loopback
/// unless allowed, never on a redirect to another origin; retries by <see cref="RetryPolicy"/>; one time-out
/// per attempt that covers the body. Narration goes to an <see cref="OperationLog"/> (thread-pool threads
/// cannot write to PowerShell's streams).
/// </summary>
public sealed class RegistryApiClient
{
    /// <summary>Largest response body read (a page of a listing is far smaller).</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    private const int MaxRedirects = 10;

    private static readonly Lazy<HttpClient> SharedClient = new(() => HttpClientFactory.Create(new HttpClientOptions
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        FollowRedirects = false,
        MaxResponseBytes = MaxBodyBytes,
    }));

    private readonly HttpClient http;
    private readonly RetryPolicy retry;
    private readonly OperationLog log;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;

    public RegistryApiClient(RetryPolicy retry, OperationLog log, HttpClient? http = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        this.retry = retry ?? throw new ArgumentNullException(nameof(retry));
        this.log = log ?? throw new ArgumentNullException(nameof(log));
        this.http = http ?? SharedClient.Value;
        this.delay = delay ?? Task.Delay;
    }

    /// <summary>The process's one client for registry API calls (no redirects followed by the handler: this class decides).</summary>
    public static HttpClient Shared => SharedClient.Value;

    /// <exception cref="CommandFailureException">UnencryptedAuthenticationRefused, RegistryApiTimedOut, RegistryApiUnreachable, RegistryApiTooManyRedirects.</exception>
    public async Task<RegistryApiResponse> SendAsync(RegistryApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (method, uri, body, token) = (request.Method.ToUpperInvariant(), request.Uri, request.Body, request.Token);
        var attempts = 0;
        for (var redirects = 0; ; redirects++)
        {
            RefuseUnencrypted(uri, token, request.AllowUnencryptedAuthentication);
            for (var retryNumber = 1; ; retryNumber++)
            {
                attempts++;
                var (response, bodyBytes) = await SendOnceAsync(request, method, uri, body, token, cancellationToken).ConfigureAwait(false);
                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (retry.DelayBefore(retryNumber, method, status, response.Headers.RetryAfter, DateTimeOffset.UtcNow) is { } wait)
                    {
                        log.Verbose($"{method} {uri} answered {status}; retry {retryNumber} of {retry.MaximumRetryCount} in {wait.TotalSeconds:0.0} s" +
                            (response.Headers.RetryAfter is null ? "" : $" (Retry-After: {response.Headers.RetryAfter})"));
                        await delay(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
                    {
                        if (redirects >= MaxRedirects)
                        {
                            throw new CommandFailureException("RegistryApiTooManyRedirects", FailureCategory.InvalidOperation,
                                $"{request.Method} {request.Uri} was redirected more than {MaxRedirects} times.", request.Uri.AbsoluteUri, "Call the final URL directly.");
                        }

                        var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                        if (token is not null && !SameOrigin(uri, next))
                        {
                            log.Verbose($"{uri} redirects to {next}, another origin: the token is not sent there.");
                            token = null;
                        }

                        if (status == 303 || (status is 301 or 302 && method == "POST"))
                        {
                            (method, body) = (method == "HEAD" ? "HEAD" : "GET", null);
                        }

                        log.Verbose($"{status} redirect to {next}");
                        uri = next;
                        break;
                    }

                    if (!RetryPolicy.IsIdempotent(method) && RetryPolicy.IsRetryableStatus(status) && retry.MaximumRetryCount > 0)
                    {
                        log.Verbose($"{method} is not idempotent: the {status} answer is not retried (the server may have acted on the request).");
                    }

                    return new RegistryApiResponse
                    {
                        Status = status,
                        ReasonPhrase = response.ReasonPhrase,
                        Method = method,
                        Uri = uri,
                        Headers = HeadersOf(response),
                        Body = bodyBytes,
                        Attempts = attempts,
                        TokenSent = token is not null,
                    };
                }
            }
        }
    }

    /// <summary>True when two URLs share scheme, host and port.</summary>
    public static bool SameOrigin(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;
    }

    /// <exception cref="CommandFailureException">UnencryptedAuthenticationRefused.</exception>
    public static void RefuseUnencrypted(Uri uri, Secret? token, bool allowed)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (token is null || allowed || uri.Scheme != Uri.UriSchemeHttp || uri.IsLoopback) return;
        throw new CommandFailureException("UnencryptedAuthenticationRefused", FailureCategory.SecurityError,
            $"The token {token.Fingerprint} would go over plain http to {uri.Host}, which is not a loopback host: anyone on the path could read and replay it. Nothing was sent.",
            uri.AbsoluteUri, "Use the https URL of the registry; or, on a network you trust, add -AllowUnencryptedAuthentication.");
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> SendOnceAsync(RegistryApiRequest request, string method, Uri uri, EncodedBody? body, Secret? token, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), uri);
        if (token is not null)
        {
            message.Headers.TryAddWithoutValidation(request.HeaderName, TokenHeaderRule.HeaderValue(token).Reveal());
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            message.Content = new ByteArrayContent(body.Bytes);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        }

        log.Debug($"{method} {uri}" + (token is null ? " (no token)" : $" {request.HeaderName}: Bearer <token {token.Fingerprint}>") +
            (body is null ? "" : $", {body.Bytes.Length} byte(s) {body.ContentType}"));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(request.Timeout);
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage? response = null;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
            var (bytes, tooLarge) = await ResponseBody.ReadAsync(response.Content, MaxBodyBytes, attempt.Token).ConfigureAwait(false);
            if (tooLarge)
            {
                throw new CommandFailureException("RegistryApiResponseTooLarge", FailureCategory.LimitsExceeded,
                    $"The answer of {method} {uri} is larger than {MaxBodyBytes / (1024 * 1024)} MB.", uri.AbsoluteUri, "Ask for a smaller page (-Query @{ limit = 100 }) and use -All.");
            }

            log.Verbose($"{method} {uri} -> {(int)response.StatusCode} {response.ReasonPhrase} ({Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms, {bytes.Length} byte(s))");
            return (response, bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new CommandFailureException("RegistryApiTimedOut", FailureCategory.OperationTimeout,
                $"{method} {uri} got no complete answer within {request.Timeout.TotalSeconds:0.#} s.", uri.AbsoluteUri, "Raise -TimeoutSec, or check that the registry is up.");
        }
        catch (HttpRequestException ex)
        {
            response?.Dispose();
            throw new CommandFailureException("RegistryApiUnreachable", FailureCategory.ConnectionError,
                $"{method} {uri} failed: {ex.Message}", uri.AbsoluteUri, "Check the URL (-Uri, -RegistryUrl or REGISTRY_URL), that the registry is running, and its TLS certificate.", ex);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private static List<KeyValuePair<string, string[]>> HeadersOf(HttpResponseMessage response)
    {
        // NonValidated keeps every value as received, so two Content-Type lines stay visible.
        var headers = new List<KeyValuePair<string, string[]>>();
        foreach (var (name, values) in response.Headers.NonValidated) headers.Add(new(name, values.ToArray()));
        foreach (var (name, values) in response.Content.Headers.NonValidated) headers.Add(new(name, values.ToArray()));
        return headers;
    }
}
