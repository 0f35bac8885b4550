namespace McpRegistryAuth.Core.Gateway.Jwt;

/// <summary>What a provider's <c>validate_token</c> returns on success: who, which client, which groups and token scopes.</summary>
internal sealed record IdpIdentity(string? Username, string? ClientId, IReadOnlyList<string> Groups, IReadOnlyList<string> Scopes);
