using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>RFC 7662 token introspection as ToolHive performs it: form POST with a token type hint, Basic auth only with both client id and secret.</summary>
public static class IntrospectionClient
{
    /// <summary>ToolHive reads at most 64 KiB of the answer.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>Most redirects followed within the endpoint's own origin, as Go's client allows.</summary>
    public const int MaxRedirects = 10;

    /// <summary>
    /// Sends the token to the endpoint, never anywhere else: redirects are followed only within the
    /// endpoint's origin (scheme, host, port), and plain http only to a loopback host unless
    /// allowUnencrypted. Where the server would send the token on, the answer says so (NotSent) instead.
    /// </summary>
    public static async Task<IntrospectionResponse> IntrospectAsync(HttpClient client, Uri endpoint, Secret token, string? clientId, Secret? clientSecret, CancellationToken cancellationToken, bool allowUnencrypted = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(token);
        var target = endpoint;
        using var deadline = Http.ResponseBody.Deadline(client, cancellationToken);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (target.Scheme == Uri.UriSchemeHttp && !target.IsLoopback && !allowUnencrypted)
                {
                    return NotSent($"the server would send your token over plain http to {target}; it was not sent from here (-AllowUnencryptedAuthentication sends it)");
                }

                using var request = NewRequest(target, token, clientId, clientSecret);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(target, location);
                    if (response.StatusCode is not (HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect))
                    {
                        return new IntrospectionResponse { Status = (int)response.StatusCode, Error = $"introspection answered {(int)response.StatusCode} with a redirect to {next}: Go's client repeats it as a GET without the token, which is no introspection" };
                    }

                    if (!SameOrigin(endpoint, next))
                    {
                        return NotSent($"introspection answered {(int)response.StatusCode} with a redirect to {next}, another origin: the server would send your token there; it was not sent from here");
                    }

                    if (hop >= MaxRedirects)
                    {
                        return new IntrospectionResponse { Status = (int)response.StatusCode, Error = $"introspection stopped after {MaxRedirects} redirects" };
                    }

                    target = next;
                    continue;
                }

                return await ReadAnswerAsync(response, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new IntrospectionResponse { Error = $"introspection {endpoint}: timed out" };
        }
        catch (HttpRequestException e)
        {
            return new IntrospectionResponse { Error = $"introspection {endpoint}: {e.Message}" };
        }
    }

    private static IntrospectionResponse NotSent(string why) => new() { Error = why, NotSent = true };

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static HttpRequestMessage NewRequest(Uri target, Secret token, string? clientId, Secret? clientSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token.Reveal(), ["token_type_hint"] = "access_token" }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.ParseAdd("ToolHive/1.0");
        if (!string.IsNullOrEmpty(clientId) && clientSecret is { IsEmpty: false })
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{clientSecret.Reveal()}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }

        return request;
    }

    private static async Task<IntrospectionResponse> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (bytes, _) = await Http.ResponseBody.ReadAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Unauthorized) return new IntrospectionResponse { Status = status, Error = "introspection unauthorized" };
        if (response.StatusCode != HttpStatusCode.OK) return new IntrospectionResponse { Status = status, Error = $"introspection failed with status {status}" };
        var members = JsonObjectView.TryParse(bytes, out _, out _, out var error);
        if (members is null) return new IntrospectionResponse { Status = status, Error = $"failed to decode introspection response: {error ?? "not a JSON object"}" };
        var active = members.TryGet("active", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.True;
        return new IntrospectionResponse { Status = status, Active = active, Members = members };
    }
}
