using System.Text;
using McpRegistryAuth.Core.Yaml;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Yaml;

/// <summary>Every truncation and byte mutation of a real config must give findings, never an exception.</summary>
public class YamlLoaderRobustnessTests
{
    private const string Config = """
        auth:
          mode: oauth
          publicPaths: ["/docs", '/x']
          oauth:
            resourceUrl: https://registry.example.com
            providers:
              - name: &n keycloak
                issuerUrl: "https://kc.example.com/realms/mcp"
                audience: registry-api
              - {name: *n, issuerUrl: https://b, audience: c}
          authz:
            roles:
              superAdmin:
                - groups: [admins]
              manageEntries: |
                literal
        """;

    [Fact]
    public void Yaml_EveryTruncationLoadsWithoutException()
    {
        var bytes = Encoding.UTF8.GetBytes(Config);
        for (var length = 0; length <= bytes.Length; length++)
        {
            var doc = YamlLoader.Load(bytes.AsSpan(0, length), "t.yaml", YamlLoadOptions.ToolHive);
            Assert.All(doc.Findings, f => Assert.True(f.Line is null or >= 1));
        }
    }

    [Fact]
    public void Yaml_RandomByteMutationsLoadWithoutException()
    {
        var random = new Random(4242);
        var original = Encoding.UTF8.GetBytes(Config);
        byte[] alphabet = "\t\n\r :-[]{}&*!|>'\"#%@`?,\\\0\u00ff"u8.ToArray();
        for (var round = 0; round < 3000; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = 0; k < 3; k++)
            {
                bytes[random.Next(bytes.Length)] = random.Next(2) == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)random.Next(256);
            }

            var doc = YamlLoader.Load(bytes, "m.yaml", YamlLoadOptions.ToolHive);
            Assert.True(doc.Root is not null || doc.Findings.Count > 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'#'));
        }
    }
}
