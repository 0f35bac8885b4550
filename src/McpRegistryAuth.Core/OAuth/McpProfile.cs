using System.Text.Json.Serialization;

namespace McpRegistryAuth.Core.OAuth;

/// <summary>
/// Named settings for getting and sending a token, kept without any secret: the secret is named by where
/// it comes from (a file path or an environment variable name) and read only when a token is asked for.
/// </summary>
public sealed record McpProfile
{
    public required string Name { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<OAuthProvider>))]
    public OAuthProvider? Provider { get; init; }

    public string? Authority { get; init; }

    public string? TokenEndpoint { get; init; }

    public string? ClientId { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ClientAuthentication>))]
    public ClientAuthentication? ClientAuthentication { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public string? Audience { get; init; }

    public string? RegistryUri { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<RegistryType>))]
    public RegistryType? RegistryType { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<HeaderStyle>))]
    public HeaderStyle? HeaderStyle { get; init; }

    public string? CaCertPath { get; init; }

    /// <summary>A file holding the client secret (its first line).</summary>
    public string? ClientSecretFile { get; init; }

    /// <summary>The name of an environment variable holding the client secret.</summary>
    public string? ClientSecretVariable { get; init; }

    /// <summary>A PEM private key for private_key_jwt.</summary>
    public string? PrivateKeyPath { get; init; }

    /// <summary>How the token is obtained: client credentials (the default), or a user's sign-in by device code or browser.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<TokenFlow>))]
    public TokenFlow? Flow { get; init; }

    /// <summary>The fixed loopback port of a browser sign-in, for IdPs that match the redirect URI exactly.</summary>
    public int? RedirectPort { get; init; }
}
