namespace McpRegistryAuth.Core.Tokens;

/// <summary>Where a server's JWKS comes from: the network (cached per process) or a file given offline.</summary>
public interface IKeySetSource
{
    Task<KeySetResult> GetKeySetAsync(Uri jwksUri, CancellationToken cancellationToken);
}
