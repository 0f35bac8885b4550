using System.Text.Json;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>The members of an OpenID Provider configuration document that token checks use.</summary>
public sealed record DiscoveryDocument
{
    public string? Issuer { get; init; }

    public string? JwksUri { get; init; }

    public string? IntrospectionEndpoint { get; init; }

    public string? TokenEndpoint { get; init; }

    public required string Source { get; init; }

    /// <summary>ToolHive's discovery URL: exactly one trailing slash removed, then the well-known path appended.</summary>
    public static string ToolHiveUrlFor(string issuerUrl) =>
        (issuerUrl.EndsWith('/') ? issuerUrl[..^1] : issuerUrl) + "/.well-known/openid-configuration";

    /// <summary>Parses the document; null with the server's error text when it is not a JSON object with a non-empty jwks_uri.</summary>
    public static DiscoveryDocument? Parse(string json, string source, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "failed to decode OIDC configuration: not a JSON object";
                return null;
            }

            string? Read(string name) => document.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var result = new DiscoveryDocument
            {
                Source = source,
                Issuer = Read("issuer"),
                JwksUri = Read("jwks_uri"),
                IntrospectionEndpoint = Read("introspection_endpoint"),
                TokenEndpoint = Read("token_endpoint"),
            };
            if (string.IsNullOrEmpty(result.JwksUri))
            {
                error = "OIDC configuration missing jwks_uri";
                return null;
            }

            return result;
        }
        catch (JsonException e)
        {
            error = $"failed to decode OIDC configuration: {JsonParseError.Describe(e)}";
            return null;
        }
    }
}
