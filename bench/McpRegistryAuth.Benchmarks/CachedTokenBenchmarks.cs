using BenchmarkDotNet.Attributes;
using McpRegistryAuth.Core.OAuth;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// Get-McpAccessToken's core answered from the cache file (validation, the partition key, one read of the
/// file without the lock, its parse, the lookup of MSAL's entry, the token object) against reading and
/// deserializing that same file. Target: ratio at most 3. Results: bench/README.md.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class CachedTokenBenchmarks
{
    private TokenBenchIdp idp = null!;

    [GlobalSetup]
    public void Setup()
    {
        idp = TokenBenchIdp.Start();
        idp.Get(idp.Request);
    }

    [GlobalCleanup]
    public void Cleanup() => idp.Dispose();

    [Benchmark(Baseline = true, Description = "Baseline: read and deserialize the cache file")]
    public int ReadCacheFile() => TokenCacheDocument.Parse(File.ReadAllBytes(idp.Request.CachePath!)).Entries.Count;

    [Benchmark(Description = "Cached token (no request)")]
    public bool CachedToken() => idp.Get(idp.Request).FromCache;
}
