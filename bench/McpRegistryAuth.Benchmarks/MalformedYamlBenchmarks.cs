using System.Text;
using BenchmarkDotNet.Attributes;
using McpRegistryAuth.Core.ToolHive;
using McpRegistryAuth.Core.Yaml;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// What malformed or hostile YAML costs the loader, relative to loading a valid ToolHive config
/// (the baseline). The limits (size cap, alias expansion, depth) must keep every case bounded.
/// </summary>
[MemoryDiagnoser]
public class MalformedYamlBenchmarks
{
    private const string ValidConfig = """
        auth:
          mode: oauth
          publicPaths: [/docs]
          oauth:
            resourceUrl: https://registry.example.com
            providers:
              - name: keycloak
                issuerUrl: https://keycloak.example.com/realms/mcp
                audience: registry-api
              - name: kubernetes
                issuerUrl: https://kubernetes.default.svc.cluster.local
                jwksUrl: https://kubernetes.default.svc/openid/v1/jwks
                audience: registry-server
                allowPrivateIP: true
          authz:
            roles:
              superAdmin:
                - groups: [registry-admins]
        """;

    private byte[] valid = [];
    private byte[] tabs = [];
    private byte[] duplicateKeys = [];
    private byte[] aliasBomb = [];
    private byte[] tenMegabytes = [];
    private byte[] binaryGarbage = [];
    private byte[] listWhereMap = [];
    private byte[] deepNesting = [];

    [GlobalSetup]
    public void Setup()
    {
        valid = Encoding.UTF8.GetBytes(ValidConfig);
        tabs = Encoding.UTF8.GetBytes(ValidConfig.Replace("\n    resourceUrl", "\n\tresourceUrl", StringComparison.Ordinal));
        duplicateKeys = Encoding.UTF8.GetBytes(ValidConfig.Replace("  mode: oauth\n", "  mode: oauth\n  mode: anonymous\n", StringComparison.Ordinal));
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            var prev = (char)('a' + i - 1);
            var cur = (char)('a' + i);
            bomb.Append($"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n");
        }

        aliasBomb = Encoding.UTF8.GetBytes(bomb.ToString());
        var big = new StringBuilder(ValidConfig).Append("\ncomments: |\n");
        while (big.Length < 10 * 1024 * 1024) big.Append("  padding line of a very large file\n");
        tenMegabytes = Encoding.UTF8.GetBytes(big.ToString());
        binaryGarbage = new byte[64 * 1024];
        new Random(7).NextBytes(binaryGarbage);
        listWhereMap = Encoding.UTF8.GetBytes("auth:\n  - mode: oauth\n  - oauth: {}\n");
        deepNesting = Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));
    }

    [Benchmark(Baseline = true)]
    public int ValidConfigFull() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(valid, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;

    [Benchmark]
    public int TabIndentation() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(tabs, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;

    [Benchmark]
    public int DuplicateKey() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(duplicateKeys, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;

    [Benchmark]
    public int AliasBomb() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(aliasBomb, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;

    [Benchmark]
    public int TenMegabytesRefusedBySizeCap() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(tenMegabytes, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;

    [Benchmark]
    public int TenMegabytesParsedWithCapRaised() =>
        YamlLoader.Load(tenMegabytes, "c.yaml", YamlLoadOptions.ToolHive with { MaxBytes = 64L * 1024 * 1024 }).Findings.Count;

    [Benchmark]
    public int BinaryGarbage() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(binaryGarbage, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;

    [Benchmark]
    public int ListWhereMapExpected() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(listWhereMap, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;

    [Benchmark]
    public int DeepNesting() => ToolHiveConfigLoader.Evaluate(YamlLoader.Load(deepNesting, "c.yaml", YamlLoadOptions.ToolHive)).Findings.Count;
}
