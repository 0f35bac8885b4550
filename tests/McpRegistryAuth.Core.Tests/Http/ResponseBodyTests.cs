using System.Diagnostics;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.Tests.Peers;
using McpRegistryAuth.Core.Tokens;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Http;

public class ResponseBodyTests
{
    private static HttpClient Client(TimeSpan timeout) => HttpClientFactory.Create(new HttpClientOptions { Trust = TrustRoots.System, AllowPrivateAddresses = true, Timeout = timeout });

    [Fact]
    public async Task JsonFetch_TimeOutCoversABodySentOneByteASecond()
    {
        await using var peer = StreamingPeer.Dribble(TimeSpan.FromSeconds(30));
        using var client = Client(TimeSpan.FromSeconds(2));
        var watch = Stopwatch.StartNew();
        var result = await JsonFetch.GetAsync(client, peer.Url, "JWKS", CancellationToken.None);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        Assert.Null(result.Body);
        Assert.Contains("timed out after 2 s", result.Error);
    }

    [Fact]
    public async Task JsonFetch_StopsReadingAFloodAtTheLimit()
    {
        await using var peer = StreamingPeer.Flood(maxBytes: 256L * 1024 * 1024);
        using var client = Client(TimeSpan.FromSeconds(30));
        var result = await JsonFetch.GetAsync(client, peer.Url, "JWKS", CancellationToken.None);
        Assert.Contains($"larger than {JsonFetch.MaxBytes} bytes (reading stopped there)", result.Error);
        await Task.Delay(200);

        // What the peer got out is the limit plus what socket buffers took, far from the whole flood.
        Assert.True(peer.BytesSent < 32L * 1024 * 1024, $"the peer sent {peer.BytesSent} bytes");
    }
}
