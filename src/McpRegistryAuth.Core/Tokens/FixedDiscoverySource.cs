namespace McpRegistryAuth.Core.Tokens;

/// <summary>An offline discovery document (<c>-DiscoveryDocument</c>), answered for any discovery URL.</summary>
public sealed class FixedDiscoverySource : IDiscoverySource
{
    private readonly DiscoveryDocument document;

    public FixedDiscoverySource(DiscoveryDocument document) => this.document = document;

    public Task<(DiscoveryDocument? Document, string? Error)> GetAsync(Uri discoveryUri, CancellationToken cancellationToken) =>
        Task.FromResult<(DiscoveryDocument?, string?)>((document, null));
}
