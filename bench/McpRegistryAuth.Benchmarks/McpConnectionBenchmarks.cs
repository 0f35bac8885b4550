using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using McpRegistryAuth.Core.Http;
using McpRegistryAuth.Core.McpProtocol;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.Tests.Idp;
using ModelContextProtocol.Client;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// Test-McpConnection's core (DNS, TCP and TLS probes, then initialize, ping and every page of tools/list
/// through the wire recorder, and the session closed) against what it stands on: one raw TCP+TLS connect
/// plus the SDK's own connect, initialize and tools/list (every page) over an HttpClient from the same
/// factory. The server is variants.mjs "paged" (the official TypeScript SDK, 7 tools in 4 pages) over
/// https on 127.0.0.1 with a throw-away CA. Target: ratio at most 1.5. Results: bench/README.md.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MemoryDiagnoser]
public class McpConnectionBenchmarks
{
    private Process server = null!;
    private TestCertificateAuthority authority = null!;
    private string folder = null!;
    private Uri endpoint = null!;
    private TrustRoots trust = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("mra-mcp-bench-").FullName;
        authority = new TestCertificateAuthority();
        var (cert, key, ca) = authority.WritePem(folder);
        trust = TrustRoots.FromPemFile(ca);
        var start = new ProcessStartInfo("node") { WorkingDirectory = FixtureDirectory(), RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("variants.mjs");
        start.ArgumentList.Add("paged");
        start.Environment["MCP_TLS_CERT"] = cert;
        start.Environment["MCP_TLS_KEY"] = key;
        server = Process.Start(start)!;
        using var ready = JsonDocument.Parse(server.StandardOutput.ReadLine()!);
        endpoint = new Uri(ready.RootElement.GetProperty("url").GetString()!);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        server.Kill(entireProcessTree: true);
        server.WaitForExit();
        authority.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Baseline: raw TCP+TLS connect + SDK connect/initialize/tools/list")]
    public int SdkWithRawConnect()
    {
        using (var tcp = new TcpClient())
        {
            tcp.Connect(endpoint.Host, endpoint.Port);
            using var ssl = new SslStream(tcp.GetStream(), false, (_, c, chain, errors) => c is X509Certificate2 cert && trust.Validate(cert, chain, errors));
            ssl.AuthenticateAsClient(endpoint.Host);
        }

        return SdkListAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Test-McpConnection's core (probes, initialize, ping, tools/list)")]
    public int TestMcpConnection()
    {
        var test = new McpConnectionTest { Connection = new McpConnectionOptions { Uri = endpoint, Trust = trust } };
        var result = McpConnectionTester.TestAsync(test, new OperationLog(), CancellationToken.None).GetAwaiter().GetResult();
        return result.ToolCount ?? throw new InvalidOperationException(result.Message);
    }

    private async Task<int> SdkListAsync()
    {
        var http = HttpClientFactory.Create(new HttpClientOptions { Trust = trust });
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }, http, null, ownsHttpClient: true);
        // The same protocol version the module asks for, so both make the same initialize exchange.
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = McpConnectionOptions.DefaultProtocolVersion });
        var tools = await client.ListToolsAsync();
        return tools.Count;
    }

    private static string FixtureDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "mcp-server");
            if (File.Exists(Path.Combine(candidate, "variants.mjs"))) return candidate;
        }

        throw new InvalidOperationException("tests/fixtures/mcp-server/variants.mjs not found above " + AppContext.BaseDirectory);
    }
}
