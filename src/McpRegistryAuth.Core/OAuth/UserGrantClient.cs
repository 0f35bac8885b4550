using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Posts the forms of the user grants (device authorization, device code, authorization code, refresh token)
/// over the module's HttpClient, the client authenticated as it is registered: a public client by its
/// client_id alone, a confidential one by client_secret_basic, client_secret_post or private_key_jwt.
/// Each request has the caller's time-out of its own, so a long wait for the user is not cut short by it.
/// </summary>
public static class UserGrantClient
{
    /// <summary>An answer: the JSON object of a success, or the OAuth error (RFC 6749 5.2) of a refusal.</summary>
    public sealed record Answer(JsonElement Body, string? Error, string? Description, int Status)
    {
        public bool IsSuccess => Error is null;

        public string? Text(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        public double? Number(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.String when double.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;

        public string Said => Error is null ? $"HTTP {Status}" : Description is null ? Error : $"{Error}: {Description}";
    }

    public static async Task<Answer> PostAsync(HttpClient http, Uri endpoint, IEnumerable<KeyValuePair<string, string>> parameters, ClientCredentialsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(request);
        var form = parameters.ToList();
        AuthenticationHeaderValue? authorization = null;
        if (request.SigningKey is { } key)
        {
            form.Add(new("client_id", request.ClientId));
            form.Add(new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
            form.Add(new("client_assertion", key.CreateAssertion(request.ClientId, endpoint.AbsoluteUri, DateTimeOffset.UtcNow)));
        }
        else if (request.ClientSecret is { IsEmpty: false } secret && request.Authentication == ClientAuthentication.ClientSecretBasic)
        {
            authorization = TokenEndpointClient.BasicCredentials(request.ClientId, secret.Reveal());
        }
        else
        {
            form.Add(new("client_id", request.ClientId));
            if (request.ClientSecret is { IsEmpty: false } posted) form.Add(new("client_secret", posted.Reveal()));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
            message.Headers.Authorization = authorization;
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(message, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            JsonElement body;
            try
            {
                using var json = JsonDocument.Parse(text);
                body = json.RootElement.Clone();
            }
            catch (JsonException)
            {
                body = default;
            }

            var answer = new Answer(body, null, null, (int)response.StatusCode);
            if (response.IsSuccessStatusCode && body.ValueKind == JsonValueKind.Object) return answer;
            return answer with { Error = answer.Text("error") ?? $"http_{(int)response.StatusCode}", Description = answer.Text("error_description") };
        }
        catch (Exception ex) when (ex is not CommandFailureException && !cancellationToken.IsCancellationRequested)
        {
            throw TokenFailures.FromException(ex, endpoint, request, timeout.IsCancellationRequested);
        }
    }

    /// <summary>The tokens of a successful answer.</summary>
    /// <exception cref="CommandFailureException">The answer holds no access token.</exception>
    public static UserTokenResponse ReadTokens(Answer answer, Uri endpoint, ClientCredentialsRequest request)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(request);
        if (answer.Text("access_token") is not { Length: > 0 } token)
        {
            throw TokenFailures.FromOAuthError(null, "the answer is not a JSON object with an access_token", answer.Status, endpoint, request);
        }

        return new UserTokenResponse(
            new Secret(token),
            answer.Text("token_type") ?? "Bearer",
            answer.Number("expires_in") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            answer.Text("scope"),
            answer.Text("refresh_token") is { Length: > 0 } refresh ? new Secret(refresh) : null,
            answer.Text("id_token") is { Length: > 0 } id ? new Secret(id) : null);
    }
}
