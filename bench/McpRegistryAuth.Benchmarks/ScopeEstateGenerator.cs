using System.Text;

namespace McpRegistryAuth.Benchmarks;

/// <summary>
/// A generated estate for the scope benchmarks: 10,000 servers and 1,000 groups, one scope per group
/// (its group_mappings name the group), 20 server rules per scope so every server appears in two scopes,
/// plus the default wildcard scopes. Deterministic, so every run measures the same definition.
/// </summary>
internal static class ScopeEstateGenerator
{
    public const int Servers = 10_000;
    public const int Groups = 1_000;
    public const int RulesPerScope = 20;

    private static readonly string[] McpMethods = ["initialize", "notifications/initialized", "ping", "tools/list", "tools/call", "resources/list", "resources/templates/list"];

    public static string Server(int i) => $"server-{i:D5}";

    public static string Group(int i) => $"group-{i:D4}";

    public static string Tool(int server, int k) => $"tool_{server % 97}_{k}";

    private static int ServerOf(int group, int rule) => (group * 10 + rule) % Servers;

    public static string McpScopesJsonLines()
    {
        var text = new StringBuilder(8 * 1024 * 1024);
        for (var g = 0; g < Groups; g++)
        {
            text.Append("{\"_id\":\"scope-").Append(g.ToString("D4")).Append("\",\"group_mappings\":[\"").Append(Group(g)).Append("\"],\"server_access\":[");
            for (var r = 0; r < RulesPerScope; r++)
            {
                var server = ServerOf(g, r);
                if (r > 0) text.Append(',');
                text.Append("{\"server\":\"").Append(Server(server)).Append("\",\"methods\":[");
                text.AppendJoin(',', McpMethods.Select(m => $"\"{m}\""));
                text.Append("],\"tools\":[");
                text.AppendJoin(',', Enumerable.Range(0, 5).Select(k => $"\"{Tool(server, k)}\""));
                text.Append("]}");
            }

            text.Append("],\"description\":\"generated\"}\n");
        }

        text.Append("{\"_id\":\"mcp-servers-unrestricted/read\",\"group_mappings\":[\"registry-admins\"],\"server_access\":[{\"server\":\"*\",\"methods\":[\"initialize\",\"tools/list\",\"tools/call\"],\"tools\":\"*\"}]}\n");
        text.Append("{\"_id\":\"registry-admins\",\"group_mappings\":[\"registry-admins\"],\"server_access\":[{\"server\":\"*\",\"methods\":[\"all\"],\"tools\":[\"all\"]}]}\n");
        return text.ToString();
    }

    public static string ScopesYaml()
    {
        var text = new StringBuilder(8 * 1024 * 1024);
        text.Append("group_mappings:\n");
        for (var g = 0; g < Groups; g++)
        {
            text.Append("  ").Append(Group(g)).Append(": [scope-").Append(g.ToString("D4")).Append("]\n");
        }

        text.Append("  registry-admins: [registry-admins, mcp-servers-unrestricted/read]\n");
        for (var g = 0; g < Groups; g++)
        {
            text.Append("scope-").Append(g.ToString("D4")).Append(":\n");
            for (var r = 0; r < RulesPerScope; r++)
            {
                var server = ServerOf(g, r);
                text.Append("  - server: ").Append(Server(server)).Append('\n');
                text.Append("    methods: [").AppendJoin(", ", McpMethods).Append("]\n");
                text.Append("    tools: [").AppendJoin(", ", Enumerable.Range(0, 5).Select(k => Tool(server, k))).Append("]\n");
            }
        }

        text.Append("mcp-servers-unrestricted/read:\n  - server: '*'\n    methods: [initialize, tools/list, tools/call]\n    tools: '*'\n");
        text.Append("registry-admins:\n  - server: '*'\n    methods: [all]\n    tools: [all]\n");
        return text.ToString();
    }

    /// <summary>Decisions a mix of callers make: mostly users of three groups, some admins; hits, misses and tools/call.</summary>
    public static IReadOnlyList<(string[] Groups, string Server, string Method, string? Tool)> Queries(int count, int seed = 42)
    {
        var random = new Random(seed);
        var queries = new List<(string[], string, string, string?)>(count);
        for (var i = 0; i < count; i++)
        {
            var groups = random.Next(10) == 0
                ? new[] { Group(random.Next(Groups)), "registry-admins" }
                : new[] { Group(random.Next(Groups)), Group(random.Next(Groups)), Group(random.Next(Groups)) };
            var server = random.Next(2) == 0 ? Server(ServerOf(int.Parse(groups[0][6..]), random.Next(RulesPerScope))) : Server(random.Next(Servers));
            var method = McpMethods[random.Next(McpMethods.Length)];
            var serverIndex = int.Parse(server[7..]);
            var tool = method == "tools/call" ? Tool(serverIndex, random.Next(7)) : null;
            queries.Add((groups, server, method, tool));
        }

        return queries;
    }
}
