using System.Diagnostics;
using System.Net.Http.Headers;

namespace McpRegistryAuth.Core.Http;

/// <summary>
/// Logs each request and response in one line. Credentials never reach the log: the Authorization
/// and Proxy-Authorization values are shown as scheme plus fingerprint, cookies not at all.
/// </summary>
internal sealed class RedactingLogHandler(Action<string> log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        log($"HTTP {request.Method} {request.RequestUri}{DescribeCredentials(request.Headers)}");
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log($"HTTP {(int)response.StatusCode} from {request.RequestUri} in {watch.ElapsedMilliseconds} ms");
            return response;
        }
        catch (HttpRequestException ex)
        {
            log($"HTTP {request.Method} {request.RequestUri} failed after {watch.ElapsedMilliseconds} ms: {ex.Message}");
            throw;
        }
    }

    internal static string DescribeCredentials(HttpRequestHeaders headers)
    {
        var parts = new List<string>();
        if (headers.Authorization is { } auth) parts.Add($"Authorization: {Redact(auth)}");
        if (headers.ProxyAuthorization is { } proxy) parts.Add($"Proxy-Authorization: {Redact(proxy)}");
        if (headers.Contains("Cookie")) parts.Add("Cookie: <redacted>");
        return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
    }

    private static string Redact(AuthenticationHeaderValue value) =>
        value.Parameter is null ? $"{value.Scheme} <empty>" : $"{value.Scheme} {new Secret(value.Parameter)}";
}
