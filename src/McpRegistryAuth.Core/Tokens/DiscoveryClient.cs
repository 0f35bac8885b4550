namespace McpRegistryAuth.Core.Tokens;

/// <summary>Fetches a discovery document with the caller's client, cached per process (a success is kept, as the servers keep it).</summary>
public sealed class DiscoveryClient : IDiscoverySource
{
    private readonly HttpClient client;
    private readonly bool noCache;

    public DiscoveryClient(HttpClient client, bool noCache = false)
    {
        this.client = client;
        this.noCache = noCache;
    }

    public async Task<(DiscoveryDocument? Document, string? Error)> GetAsync(Uri discoveryUri, CancellationToken cancellationToken)
    {
        var key = discoveryUri.AbsoluteUri;
        if (!noCache && ProcessCache.DiscoveryDocuments.TryGetValue(key, out var cached)) return (cached, null);
        var fetched = await JsonFetch.GetAsync(client, discoveryUri, "OIDC discovery", cancellationToken).ConfigureAwait(false);
        if (fetched.Body is null) return (null, fetched.Error);
        var document = DiscoveryDocument.Parse(fetched.Body, key, out var error);
        if (document is null) return (null, error);
        ProcessCache.DiscoveryDocuments[key] = document;
        return (document, null);
    }
}
