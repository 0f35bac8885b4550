namespace McpRegistryAuth.Core.Tokens;

/// <summary>Where a discovery document comes from: the network (cached per process) or a document given offline.</summary>
public interface IDiscoverySource
{
    Task<(DiscoveryDocument? Document, string? Error)> GetAsync(Uri discoveryUri, CancellationToken cancellationToken);
}
