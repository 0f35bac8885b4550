using McpRegistryAuth.Core.Gateway.Scopes;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.PythonFgacModel;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>
/// Generated scope definitions with unusual shapes (non-list methods/tools, wildcards in odd places, names with
/// spaces, case and non-ASCII differences, values YAML 1.1 types differently, server_access entries that are not
/// rules), written in both storage forms and decided by the module; the expected answer comes from
/// <see cref="PythonFgacModel"/>, a separate model of the gateway's Python code.
/// </summary>
public class FgacGeneratedShapeTests
{
    private const int Cases = 3000;
    private static readonly object Absent = new();
    private static readonly PyDate Date = new(2026, 1, 1);

    private static readonly object?[] Servers =
    [
        "srv", "/srv/", "srv/", "*", "/*", "*/", "**", " srv", "srv ", "SRV", "café", "caf%C3%A9", "x y", "all", "", "/", "srv/sub",
        null, 0L, 5L, true, false, 0.0, List(), List("srv"), Dict(), Dict(("a", 1L)),
        new YamlPlain("yes", true), new YamlPlain("no", false), new YamlPlain("0x0", 0L), new YamlPlain("0x10", 16L),
        new YamlPlain("2026-01-01", Date), new YamlPlain("~", null), new YamlPlain("00", 0L), new YamlPlain("0b0", 0L),
    ];

    private static readonly object?[] Fields =
    [
        Absent, Absent, null, "tools/list", "*", "all", "tall", "small", "tools/listing", "lis", "", " ", "get_time_zone", "GET_TIME", "café",
        "😀tool", List("tools/list"), List("*"), List("all"), List("ALL"), List("Tools/List"), List(" tools/list"), List("tools/list "),
        List("tools/call"), List("get_time"), List("x y"), List("café"), List("cafe\u0301"), List("😀"), List(5L), List(true), List((object?)null),
        List(List("tools/list")), List("initialize", "mcp"), List("tools/list", "get_time"), Dict(("tools/list", null)), Dict(("*", 1L)),
        Dict(("get_time", true)), Dict(), 5L, 0L, true, false, 1.5,
        new YamlPlain("yes", true), new YamlPlain("off", false), new YamlPlain("2026-01-01", Date), List(new YamlPlain("2026-01-01", Date)),
        List(new YamlPlain("0x1F", 31L)), List(new YamlPlain("on", true)), List(new YamlPlain("Null", null)), List(new YamlPlain("1_000", 1000L)),
    ];

    // For HTTP verbs (release 1.32's generic proxy): the same shapes plus verbs and 'http:*' in every form.
    private static readonly object?[] HttpFields =
    [
        .. Fields, "http:*", "xhttp:*y", List("http:*"), List("HTTP:*"), List("GET"), List("get", "HEAD"), List("Delete"), List("GET", 5L), "GET",
        Dict(("POST", null)), Dict(("http:*", true)),
    ];

    private static readonly object?[] HttpCommonFields = [List("http:*"), List("GET", "post", "Put", "delete"), List("*"), "http:*", List("get", "head", "options"), List("all")];

    // The pools Rule draws methods/tools from; the HTTP-verb tests swap them (tests of one class run one at a time).
    private static bool httpPools;

    private static readonly string[] RequestServers = ["srv", "café", "caf%C3%A9", "SRV", "x y", "srv/sub", "all", "0", "True", "2026-01-01", "16"];
    private static readonly string[] Methods = ["tools/list", "initialize", "tools/call", "tools/call", "mcp", "all", "*", "lis", "5", "True"];
    private static readonly string?[] Tools = [null, "", "get_time", "time", "get_time_zone", "x y", "café", "GET_TIME", "😀", "\ud83d", "tool", "31", "1000"];

    // Common shapes, picked half of the time so that grants are frequent enough for both answers to be tested.
    private static readonly object?[] CommonServers = ["srv", "*", "/srv/"];
    private static readonly object?[] CommonFields = [List("tools/list", "get_time"), List("*"), "*", List("all"), "tools/list get_time", List("tools/call", "initialize", "mcp")];

    private static object? Pick(Random random, object?[] pool) => pool[random.Next(pool.Length)];

    private static object? PickBiased(Random random, object?[] common, object?[] pool) => random.Next(2) == 0 ? Pick(random, common) : Pick(random, pool);

    private static object? Rule(Random random)
    {
        switch (random.Next(20))
        {
            case 0: return "server: srv";
            case 1: return 5L;
            case 2: return null;
            case 3: return List("server", "srv");
            case 4: return Dict(("agent", "/a"), ("actions", List("invoke_agent")));
            case 5: return Dict(("access_rules", List(Rule(random))));
            case 6: return Dict(("agents", Dict(("actions", List()))));
            default:
                var entries = new List<(object, object?)> { ("server", PickBiased(random, CommonServers, Servers)) };
                foreach (var key in new[] { "methods", "tools" })
                {
                    var value = httpPools ? PickBiased(random, HttpCommonFields, HttpFields) : PickBiased(random, CommonFields, Fields);
                    if (value != Absent)
                    {
                        entries.Add((key, value));
                    }
                }

                return Dict(entries.ToArray());
        }
    }

    private static List<object?> Rules(Random random) => Enumerable.Range(0, random.Next(1, 4)).Select(_ => Rule(random)).ToList();

    private static object? ScopeValue(Random random) => random.Next(12) switch
    {
        0 => null,
        1 => "abc",
        2 => Dict(("server", "srv"), ("methods", List("tools/list"))),
        3 => 0L,
        4 => 5L,
        5 => List(),
        6 => "",
        _ => Rules(random),
    };

    private static object? ServerAccess(Random random) => random.Next(14) switch
    {
        0 => null,
        1 => "server",
        2 => Dict(("server", "srv"), ("methods", List("tools/list"))),
        3 => 5L,
        4 => Absent,
        5 => List("server: srv", Rule(random)),
        6 => List(Rule(random), "access_rules", Rule(random)),
        7 => List(Rule(random), 5L, Rule(random)),
        8 => List(List("access_rules"), Rule(random)),
        9 => List(Dict(("access_rules", Pick(random, ["abc", null, 5L, Dict(("server", "srv")), List(Rule(random), "x")]))), Rule(random)),
        _ => Rules(random),
    };

    private sealed record Case(string Source, IScopeStore Store, ScopeDefinitions Definitions, string[] Scopes, string Server, string Method, string? Tool);

    private static (string Server, string Method, string? Tool, string[] Scopes) Request(Random random, string[] scopePool)
    {
        var scopes = Enumerable.Range(0, random.Next(1, 4)).Select(_ => scopePool[random.Next(scopePool.Length)]).ToArray();
        return (random.Next(2) == 0 ? "srv" : RequestServers[random.Next(RequestServers.Length)], Methods[random.Next(Methods.Length)], Tools[random.Next(Tools.Length)], scopes);
    }

    private static Case YamlCase(Random random)
    {
        var names = new[] { "s1", "s2", "s3" };
        var scopes = names.Select(n => (n, ScopeValue(random))).ToList();
        var yaml = new System.Text.StringBuilder();
        yaml.AppendLine("UI-Scopes:").AppendLine("  s1: {list_service: [all]}");
        yaml.AppendLine("group_mappings:").AppendLine("  g: [s1, s2, s3]");
        foreach (var (name, value) in scopes)
        {
            yaml.Append(name).Append(": ").AppendLine(PythonFgacModel.Yaml(value));
        }

        var data = new PyDict(new[]
        {
            new KeyValuePair<object, object?>("UI-Scopes", Dict(("s1", Dict(("list_service", List("all")))))),
            new KeyValuePair<object, object?>("group_mappings", Dict(("g", List("s1", "s2", "s3")))),
        }.Concat(scopes.Select(s => new KeyValuePair<object, object?>(s.n, Py(s.Item2)))));
        var (server, method, tool, requested) = Request(random, ["s1", "s2", "s3", "unknown", "UI-Scopes", "group_mappings"]);
        var text = yaml.ToString();
        return new Case(text, new FileStore(data), ScopesYamlLoader.FromText(text), requested, server, method, tool);
    }

    private static Case JsonCase(Random random)
    {
        var documents = new List<PyDict>();
        var json = new List<string>();
        foreach (var name in new[] { "s1", "s2", "s3" })
        {
            object? access;
            do
            {
                access = ServerAccess(random);
            }
            while (access != Absent && YamlOnly(access));

            var entries = new List<(object, object?)> { ("_id", name), ("group_mappings", List("g")) };
            if (access != Absent)
            {
                entries.Add(("server_access", access));
            }

            var document = Dict(entries.ToArray());
            json.Add(Json(document));
            documents.Add((PyDict)Py(document)!);
        }

        var (server, method, tool, requested) = Request(random, ["s1", "s2", "s3", "unknown"]);
        var text = "[" + string.Join(",\n", json) + "]";
        return new Case(text, new DocumentStore(documents), McpScopesLoader.FromJson(text), requested, server, method, tool);
    }

    private static readonly string[] Verbs = ["GET", "get", "POST", "Post", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"];

    /// <summary>The same generated definitions, asked for a generic-proxy request's HTTP verb (release 1.32).</summary>
    private static void AssertAgreeOnHttpVerbs(Func<Random, Case> generate, int seed)
    {
        var random = new Random(seed);
        var disagreements = new List<string>();
        var allowed = 0;
        httpPools = true;
        try
        {
        for (var i = 0; i < Cases; i++)
        {
            var c = generate(random);
            var verb = Verbs[random.Next(Verbs.Length)];
            var expected = ValidateHttpVerb(c.Store, c.Scopes, c.Server, verb.ToUpperInvariant());
            var actual = ScopeFixtures.DecideHttpVerb(c.Definitions, c.Scopes, c.Server, verb).Allowed;
            allowed += expected ? 1 : 0;
            if (expected != actual && disagreements.Count < 5)
            {
                disagreements.Add($"case {i}: {c.Server} {verb} scopes [{string.Join(", ", c.Scopes)}]: Python {expected}, module {actual}\n{c.Source}");
            }
        }
        }
        finally
        {
            httpPools = false;
        }

        Assert.True(disagreements.Count == 0, string.Join("\n---\n", disagreements));

        // Verbs are granted less often (only explicit verbs or 'http:*'); about 3% of cases still grant.
        Assert.InRange(allowed, Cases / 50, Cases - (Cases / 20));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(8484)]
    public void ScopesYml_HttpVerbs_EveryGeneratedShapeIsDecidedAsTheGatewayDecidesIt(int seed) => AssertAgreeOnHttpVerbs(YamlCase, seed);

    [Theory]
    [InlineData(22)]
    [InlineData(4848)]
    public void McpScopesDocuments_HttpVerbs_EveryGeneratedShapeIsDecidedAsTheGatewayDecidesIt(int seed) => AssertAgreeOnHttpVerbs(JsonCase, seed);

    private static void AssertAgree(Func<Random, Case> generate, int seed)
    {
        var random = new Random(seed);
        var disagreements = new List<string>();
        var allowed = 0;
        for (var i = 0; i < Cases; i++)
        {
            var c = generate(random);
            var expected = Validate(c.Store, c.Scopes, c.Server, c.Method, c.Tool);
            var actual = ScopeFixtures.Decide(c.Definitions, c.Scopes, c.Server, c.Method, c.Tool).Allowed;
            allowed += expected ? 1 : 0;
            if (expected != actual && disagreements.Count < 5)
            {
                disagreements.Add($"case {i}: {c.Server}.{c.Method} tool {c.Tool ?? "None"} scopes [{string.Join(", ", c.Scopes)}]: Python {expected}, module {actual}\n{c.Source}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n---\n", disagreements));

        // The generator must exercise both answers, or the comparison proves little.
        Assert.InRange(allowed, Cases / 20, Cases - (Cases / 20));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(4242)]
    public void ScopesYml_EveryGeneratedShapeIsDecidedAsTheGatewayDecidesIt(int seed) => AssertAgree(YamlCase, seed);

    [Theory]
    [InlineData(12)]
    [InlineData(2424)]
    public void McpScopesDocuments_EveryGeneratedShapeIsDecidedAsTheGatewayDecidesIt(int seed) => AssertAgree(JsonCase, seed);

    [Fact]
    public void Model_FollowsPythonOnKnownAnswers()
    {
        // Checks of the model itself against answers worked out by hand from Python's rules.
        Assert.True(In("time", "current_time_by_timezone"));
        Assert.True(In("all", "tall"));
        Assert.False(In("\ud83d", "😀"));
        Assert.True(In("get_time", Dict(("get_time", null))));
        Assert.Throws<PyError>(() => In("x", null));
        Assert.Throws<PyError>(() => In("x", 5L));
        Assert.True(Eq(1L, true) && Eq(1.0, 1L) && !Eq("1", 1L));
        Assert.False(Truthy(0.0) || Truthy("") || Truthy(Dict()));
        var store = new FileStore(Dict(("s", List(Dict(("server", "/srv/"), ("tools", "*"))))));
        Assert.True(Validate(store, ["s"], "srv", "tools/call", "anything"));
        Assert.False(Validate(new FileStore(Dict(("s", List("x", Dict(("server", "*"), ("tools", "*")))))), ["s"], "srv", "initialize", null));
    }
}
