using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>RFC 7662 token introspection as ToolHive performs it: form POST with a token type hint, Basic auth only with both client id and secret.</summary>
public static class IntrospectionClient
{
    /// <summary>ToolHive reads at most 64 KiB of the answer.</summary>
    public const int MaxResponseBytes = 64 * 1024;

    public static async Task<IntrospectionResponse> IntrospectAsync(HttpClient client, Uri endpoint, Secret token, string? clientId, Secret? clientSecret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
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

        using var deadline = Http.ResponseBody.Deadline(client, cancellationToken);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var (bytes, _) = await Http.ResponseBody.ReadAsync(response.Content, MaxResponseBytes, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.Unauthorized) return new IntrospectionResponse { Status = status, Error = "introspection unauthorized" };
            if (response.StatusCode != HttpStatusCode.OK) return new IntrospectionResponse { Status = status, Error = $"introspection failed with status {status}" };
            var members = JsonObjectView.TryParse(bytes, out _, out _, out var error);
            if (members is null) return new IntrospectionResponse { Status = status, Error = $"failed to decode introspection response: {error ?? "not a JSON object"}" };
            var active = members.TryGet("active", out var a) && a.ValueKind == System.Text.Json.JsonValueKind.True;
            return new IntrospectionResponse { Status = status, Active = active, Members = members };
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
}
