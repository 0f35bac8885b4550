using System.Net;

namespace McpRegistryAuth.Core.Tokens;

/// <summary>Fetches a JWKS over HTTP with the caller's client (TLS roots, time-outs) and keeps it per process.</summary>
public sealed class HttpKeySetSource : IKeySetSource
{
    private readonly HttpClient client;
    private readonly bool noCache;
    private readonly Func<DateTimeOffset> clock;

    public HttpKeySetSource(HttpClient client, bool noCache = false, Func<DateTimeOffset>? clock = null)
    {
        this.client = client;
        this.noCache = noCache;
        this.clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    public async Task<KeySetResult> GetKeySetAsync(Uri jwksUri, CancellationToken cancellationToken)
    {
        var key = jwksUri.AbsoluteUri;
        if (!noCache && ProcessCache.KeySets.TryGetValue(key, out var cached)) return new KeySetResult(cached, null, FromCache: true);

        var fetched = await JsonFetch.GetAsync(client, jwksUri, "JWKS", cancellationToken).ConfigureAwait(false);
        if (fetched.Body is null) return new KeySetResult(null, fetched.Error);
        var set = KeySet.Parse(fetched.Body, key, clock(), out var error);
        if (set is null) return new KeySetResult(null, error);
        set.WithAdvertisedMaxAge(fetched.MaxAge);
        ProcessCache.KeySets[key] = set;
        return new KeySetResult(set, null);
    }
}
