using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The client-credentials grant over the module's HttpClient exactly as RFC 6749 4.4 says, for servers MSAL
/// cannot serve: Cognito's user-pool domain and any server named by its token endpoint.
/// </summary>
public static class TokenEndpointClient
{
    public const string GrantType = "client_credentials";

    /// <summary>The form body and the Authorization header, if any, of a token request.</summary>
    public static (List<KeyValuePair<string, string>> Form, AuthenticationHeaderValue? Authorization) BuildRequest(ClientCredentialsRequest request, Uri endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = new List<KeyValuePair<string, string>> { new("grant_type", GrantType) };
        if (request.Scopes.Count > 0) form.Add(new("scope", string.Join(' ', request.Scopes)));
        if (request.Audience is { } audience && ProviderRules.AudienceParameter(request.Provider) is { } parameter) form.Add(new(parameter, audience));
        AuthenticationHeaderValue? authorization = null;
        switch (request.Authentication)
        {
            case ClientAuthentication.ClientSecretBasic:
                authorization = BasicCredentials(request.ClientId, RequireSecret(request).Reveal());
                break;
            case ClientAuthentication.ClientSecretPost:
                form.Add(new("client_id", request.ClientId));
                form.Add(new("client_secret", RequireSecret(request).Reveal()));
                break;
            case ClientAuthentication.PrivateKeyJwt:
                var key = request.SigningKey ?? throw new ArgumentException("private_key_jwt needs a signing key.", nameof(request));
                form.Add(new("client_id", request.ClientId));
                form.Add(new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
                form.Add(new("client_assertion", key.CreateAssertion(request.ClientId, endpoint.AbsoluteUri, now)));
                break;
        }

        return (form, authorization);
    }

    /// <summary>
    /// HTTP Basic as RFC 6749 2.3.1 says: id and secret each URL-encoded before they are joined with ':'
    /// and base64-encoded, so a ':' in the id cannot shift the split.
    /// </summary>
    public static AuthenticationHeaderValue BasicCredentials(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(secret))));

    /// <exception cref="Reporting.CommandFailureException">The server refused (its OAuth error explained), or could not be reached in time.</exception>
    public static async Task<TokenEndpointResponse> RequestAsync(HttpClient http, Uri endpoint, ClientCredentialsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (form, authorization) = BuildRequest(request, endpoint, DateTimeOffset.UtcNow);
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        message.Headers.Authorization = authorization;
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var (error, description) = ReadError(body);
            throw TokenFailures.FromOAuthError(error, description, (int)response.StatusCode, endpoint, request);
        }

        return Parse(body, endpoint, request);
    }

    private static TokenEndpointResponse Parse(string body, Uri endpoint, ClientCredentialsRequest request)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String)
            {
                TimeSpan? expiresIn = root.TryGetProperty("expires_in", out var expires) ? expires.ValueKind switch
                {
                    JsonValueKind.Number => TimeSpan.FromSeconds(expires.GetDouble()),
                    JsonValueKind.String when double.TryParse(expires.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
                    _ => null,
                } : null;
                return new TokenEndpointResponse(
                    new Secret(token.GetString()!),
                    root.TryGetProperty("token_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "Bearer",
                    expiresIn,
                    root.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.String ? scope.GetString() : null);
            }
        }
        catch (JsonException)
        {
            // Reported below with the other malformed answers.
        }

        throw TokenFailures.FromOAuthError(null, "the answer is not a JSON object with an access_token", 200, endpoint, request);
    }

    private static (string? Error, string? Description) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (Text("error"), Text("error_description"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static Secret RequireSecret(ClientCredentialsRequest request) =>
        request.ClientSecret ?? throw new ArgumentException("client_secret_basic and client_secret_post need a client secret.", nameof(request));
}
