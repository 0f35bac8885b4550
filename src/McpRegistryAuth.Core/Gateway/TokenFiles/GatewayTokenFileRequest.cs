namespace McpRegistryAuth.Core.Gateway.TokenFiles;

/// <summary>What goes into an ingress or egress token file; nothing here is read from disk.</summary>
public sealed record GatewayTokenFileRequest
{
    public required GatewayTokenFileKind Kind { get; init; }

    public required Secret Token { get; init; }

    public Secret? RefreshToken { get; init; }

    /// <summary>UTC.</summary>
    public required DateTimeOffset ExpiresOn { get; init; }

    public string ClientId { get; init; } = "";

    /// <summary>The token's iss claim (or the authority asked): the Cognito pool, Keycloak realm or Entra tenant is read from it.</summary>
    public string? Issuer { get; init; }

    /// <summary>The module's provider name (Cognito, Keycloak, Entra, ...), used when <see cref="GatewayProvider"/> is not given.</summary>
    public string? ModuleProvider { get; init; }

    /// <summary>Ingress: cognito_m2m, keycloak_m2m or entra_m2m. Egress: the provider's name in oauth_providers.yaml (atlassian, google, ...).</summary>
    public string? GatewayProvider { get; init; }

    /// <summary>Egress: the MCP server the token is for; it names the file <c>{provider}-{server}-egress.json</c>.</summary>
    public string? ServerName { get; init; }

    /// <summary>Egress: Atlassian's cloud id.</summary>
    public string? CloudId { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];
}
