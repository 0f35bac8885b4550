using McpRegistryAuth.Core.Tokens;

namespace McpRegistryAuth.Core.ToolHive;

/// <summary>The settings of one ToolHive <c>auth.oauth.providers[]</c> entry that token validation uses.</summary>
public sealed record ToolHiveTokenProvider
{
    public required string Name { get; init; }

    public required string IssuerUrl { get; init; }

    public required string Audience { get; init; }

    /// <summary>When set, discovery is skipped and this JWKS is used.</summary>
    public string? JwksUrl { get; init; }

    public string? IntrospectionUrl { get; init; }

    public string? ClientId { get; init; }

    public Secret? ClientSecret { get; init; }
}
