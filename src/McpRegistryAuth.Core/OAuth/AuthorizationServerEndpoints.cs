using System.Text.Json;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// The endpoints a user sign-in needs, from the provider's discovery document (Cognito's user-pool domain
/// has none: its /oauth2/authorize and /oauth2/token are fixed paths, and it offers no device flow).
/// </summary>
public sealed record AuthorizationServerEndpoints
{
    public required string Issuer { get; init; }

    public required Uri TokenEndpoint { get; init; }

    public Uri? AuthorizationEndpoint { get; init; }

    public Uri? DeviceAuthorizationEndpoint { get; init; }

    /// <summary>code_challenge_methods_supported; empty when the document does not say (Cognito and Entra do not, yet take S256).</summary>
    public IReadOnlyList<string> CodeChallengeMethods { get; init; } = [];

    public static async Task<AuthorizationServerEndpoints> DiscoverAsync(HttpClient http, ClientCredentialsRequest request, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var authority = request.Authority ?? throw new ArgumentException("A user sign-in needs the authority.", nameof(request));
        var root = authority.AbsoluteUri.TrimEnd('/');
        if (request.Provider == OAuthProvider.Cognito)
        {
            return new AuthorizationServerEndpoints { Issuer = root, TokenEndpoint = new Uri(root + "/oauth2/token"), AuthorizationEndpoint = new Uri(root + "/oauth2/authorize") };
        }

        var url = new Uri(root + "/.well-known/openid-configuration");
        log.Verbose($"Discovery: {url}");
        using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(body);
            var document = json.RootElement;
            if (response.IsSuccessStatusCode && document.ValueKind == JsonValueKind.Object && Url(document, "token_endpoint") is { } token)
            {
                return new AuthorizationServerEndpoints
                {
                    Issuer = Text(document, "issuer") ?? root,
                    TokenEndpoint = token,
                    AuthorizationEndpoint = Url(document, "authorization_endpoint"),
                    DeviceAuthorizationEndpoint = Url(document, "device_authorization_endpoint"),
                    CodeChallengeMethods = document.TryGetProperty("code_challenge_methods_supported", out var methods) && methods.ValueKind == JsonValueKind.Array
                        ? methods.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToList()
                        : [],
                };
            }
        }
        catch (JsonException)
        {
            // Reported below with the other unusable answers.
        }

        throw new CommandFailureException("DiscoveryFailed", FailureCategory.InvalidData,
            $"{url} gave no usable OpenID configuration (HTTP {(int)response.StatusCode}): a user sign-in needs its token endpoint.", url.AbsoluteUri,
            "Check -Authority: it must be the issuer URL (Keycloak: https://host/realms/<realm>; Okta: https://<org>.okta.com/oauth2/default; Entra: https://login.microsoftonline.com/<tenant>/v2.0).");
    }

    private static string? Text(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri? Url(JsonElement document, string name) =>
        Text(document, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;
}
