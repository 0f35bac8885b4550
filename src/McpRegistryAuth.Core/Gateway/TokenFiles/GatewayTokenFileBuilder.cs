using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>
/// The text of <c>.oauth-tokens/ingress.json</c> and of an egress token file, key for key in the order and
/// shape the gateway's scripts write them (mcp-gateway-registry-auth-spec.md 8.1 and 8.2): expires_at as
/// float epoch seconds, the human times as "YYYY-MM-DD HH:MM:SS UTC", the provider's own fields (Cognito
/// pool and region, Keycloak URL and realm, Entra tenant) read from the token's issuer, and the usage note.
/// JSON indented by two spaces, as Python's json.dump(indent=2) writes it.
/// </summary>
public static partial class GatewayTokenFileBuilder
{
    public const string CognitoM2M = "cognito_m2m";
    public const string KeycloakM2M = "keycloak_m2m";
    public const string EntraM2M = "entra_m2m";

    /// <summary>The file's name inside <c>.oauth-tokens/</c>.</summary>
    public static string FileName(GatewayTokenFileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == GatewayTokenFileKind.Ingress) return "ingress.json";
        var provider = EgressProvider(request);
        return string.IsNullOrEmpty(request.ServerName) ? $"{provider}-egress.json" : $"{provider}-{request.ServerName}-egress.json";
    }

    /// <summary>The file's text, and notes on fields that could not be filled (written as null).</summary>
    /// <exception cref="CommandFailureException">GatewayProviderUnknown: an ingress file for a provider the gateway's scripts do not know.</exception>
    public static (string Text, IReadOnlyList<string> Notes) Build(GatewayTokenFileRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notes = new List<string>();
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (request.Kind == GatewayTokenFileKind.Ingress)
            {
                WriteIngress(json, request, now, notes);
            }
            else
            {
                WriteEgress(json, request, now);
            }

            json.WriteEndObject();
        }

        return (Encoding.UTF8.GetString(buffer.ToArray()), notes);
    }

    /// <summary>cognito_m2m, keycloak_m2m or entra_m2m: given, else from the module's provider name.</summary>
    public static string IngressProvider(GatewayTokenFileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var given = request.GatewayProvider?.ToLowerInvariant();
        var provider = given ?? request.ModuleProvider?.ToLowerInvariant() switch
        {
            CognitoM2M or KeycloakM2M or EntraM2M => request.ModuleProvider.ToLowerInvariant(),
            "cognito" => CognitoM2M,
            "keycloak" => KeycloakM2M,
            "entra" => EntraM2M,
            _ => null,
        };
        return provider is CognitoM2M or KeycloakM2M or EntraM2M ? provider
            : throw new CommandFailureException("GatewayProviderUnknown", FailureCategory.InvalidArgument,
                $"The gateway's scripts write ingress.json only for {CognitoM2M}, {KeycloakM2M} and {EntraM2M}; the token is from {(given ?? request.ModuleProvider ?? "an unnamed provider")}.",
                given ?? request.ModuleProvider, $"Name the provider the gateway is set up with: -GatewayProvider {KeycloakM2M} (or {CognitoM2M}, {EntraM2M}).");
    }

    private static void WriteIngress(Utf8JsonWriter json, GatewayTokenFileRequest request, DateTimeOffset now, List<string> notes)
    {
        var provider = IngressProvider(request);
        json.WriteString("provider", provider);
        json.WriteString("access_token", request.Token.Reveal());
        // ingress_oauth.py writes null: client credentials give no refresh token.
        WriteStringOrNull(json, "refresh_token", request.RefreshToken?.Reveal());
        WriteTimes(json, request.ExpiresOn);
        json.WriteString("token_type", "Bearer");
        json.WriteString("client_id", request.ClientId);
        json.WriteString("saved_at", Human(now));
        var issuer = request.Issuer ?? "";
        switch (provider)
        {
            case CognitoM2M:
                var cognito = CognitoIssuer().Match(issuer);
                WriteDerived(json, "user_pool_id", cognito.Success ? cognito.Groups["pool"].Value : null, issuer, notes);
                WriteDerived(json, "region", cognito.Success ? cognito.Groups["region"].Value : null, issuer, notes);
                json.WriteString("usage_notes", "This token is for INGRESS authentication to the MCP Gateway (Cognito M2M)");
                break;
            case KeycloakM2M:
                var keycloak = KeycloakIssuer().Match(issuer);
                WriteDerived(json, "keycloak_url", keycloak.Success ? keycloak.Groups["url"].Value : null, issuer, notes);
                WriteDerived(json, "realm", keycloak.Success ? keycloak.Groups["realm"].Value : null, issuer, notes);
                json.WriteString("usage_notes", "This token is for INGRESS authentication to the MCP Gateway (Keycloak M2M)");
                break;
            default:
                var entra = EntraIssuer().Match(issuer);
                WriteDerived(json, "tenant_id", entra.Success ? entra.Groups["tenant"].Value : null, issuer, notes);
                json.WriteString("usage_notes", "This token is for INGRESS authentication to the MCP Gateway (Entra M2M)");
                break;
        }
    }

    private static void WriteEgress(Utf8JsonWriter json, GatewayTokenFileRequest request, DateTimeOffset now)
    {
        var provider = EgressProvider(request);
        json.WriteString("provider", provider);
        json.WriteString("access_token", request.Token.Reveal());
        WriteStringOrNull(json, "refresh_token", request.RefreshToken?.Reveal());
        WriteTimes(json, request.ExpiresOn);
        if (!string.IsNullOrEmpty(request.CloudId)) json.WriteString("cloud_id", request.CloudId);
        json.WriteStartArray("scopes");
        foreach (var scope in request.Scopes) json.WriteStringValue(scope);
        json.WriteEndArray();
        json.WriteString("saved_at", Human(now));
        json.WriteString("usage_notes", $"This token is for EGRESS authentication to {provider}" + (string.IsNullOrEmpty(request.ServerName) ? "" : $" ({request.ServerName})"));
    }

    private static string EgressProvider(GatewayTokenFileRequest request) =>
        request.GatewayProvider is { Length: > 0 } given && SafeName().IsMatch(given) ? given.ToLowerInvariant()
        : throw new CommandFailureException("GatewayProviderMissing", FailureCategory.InvalidArgument,
            $"An egress token file is named after its provider (oauth_providers.yaml: atlassian, google, github, ...); {(request.GatewayProvider is null ? "none was given" : $"'{request.GatewayProvider}' is not a plain name")}.",
            request.GatewayProvider, "Pass -GatewayProvider atlassian (letters, digits, '_' and '-').");

    private static void WriteTimes(Utf8JsonWriter json, DateTimeOffset expiresOn)
    {
        // Python's time.time() + expires_in is a float: 1760000000.123, and 1760000000.0 when whole.
        var seconds = Math.Round((expiresOn.UtcDateTime - DateTime.UnixEpoch).TotalSeconds, 3);
        var text = seconds.ToString("R", CultureInfo.InvariantCulture);
        json.WritePropertyName("expires_at");
        json.WriteRawValue(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0");
        json.WriteString("expires_at_human", Human(expiresOn));
    }

    private static void WriteDerived(Utf8JsonWriter json, string name, string? value, string issuer, List<string> notes)
    {
        if (value is null) notes.Add($"{name} is written as null: it could not be read from the token's issuer '{issuer}'. The token refresher sends it as a header; fill it in by hand if the gateway needs it.");
        WriteStringOrNull(json, name, value);
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static string Human(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    [GeneratedRegex(@"^https://cognito-idp\.(?<region>[a-z0-9-]+)\.amazonaws\.com/(?<pool>[A-Za-z0-9-]+_[A-Za-z0-9]+)/?$")]
    private static partial Regex CognitoIssuer();

    [GeneratedRegex(@"^(?<url>https?://.+?)/realms/(?<realm>[^/]+)/?$")]
    private static partial Regex KeycloakIssuer();

    [GeneratedRegex(@"^https://(login\.microsoftonline\.com|sts\.windows\.net|[a-z0-9.-]+)/(?<tenant>[0-9a-fA-F-]{36})(/v2\.0)?/?$")]
    private static partial Regex EntraIssuer();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SafeName();
}
