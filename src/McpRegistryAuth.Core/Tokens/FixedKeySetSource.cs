namespace McpRegistryAuth.Core.Tokens;

/// <summary>An offline key set (<c>-Jwks</c>): answers every JWKS URL with the same set, for air-gapped machines.</summary>
public sealed class FixedKeySetSource : IKeySetSource
{
    private readonly KeySetResult result;

    public FixedKeySetSource(KeySet keySet) => result = new KeySetResult(keySet, null);

    public Task<KeySetResult> GetKeySetAsync(Uri jwksUri, CancellationToken cancellationToken) => Task.FromResult(result);
}
