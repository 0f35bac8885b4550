using McpRegistryAuth.Core.Gateway.Scopes;
using McpRegistryAuth.Core.Yaml;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Scopes.ScopeFixtures;

namespace McpRegistryAuth.Core.Tests.Gateway.Scopes;

/// <summary>scopes.yml (V124 file backend): layout, semantics that differ from mcp_scopes, malformed files.</summary>
public class ScopesYamlLoaderTests
{
    private static readonly ScopeDefinitions Defaults = ScopesYamlLoader.Load(FixturePath("default-scopes.yml"));

    [Fact]
    public void ScopesYaml_DefaultLayoutLoadsWithoutErrors()
    {
        Assert.Equal(ScopeSourceKind.ScopesYaml, Defaults.SourceKind);
        Assert.False(Defaults.HasErrors, string.Join("\n", Defaults.Findings));
        Assert.Equal(8, Defaults.GroupMappingList.Count);
        Assert.Equal(["registry-admins", "mcp-servers-unrestricted/read", "mcp-servers-unrestricted/execute"], Defaults.MapGroupsToScopes(["4c46ec66-a4f7-4b62-9095-b7958662f4b6"]));
        Assert.Equal(2, Defaults.Find("mcp-servers-unrestricted/read")!.Rules.Count);
    }

    [Fact]
    public void ScopesYaml_RulesKeepTheirLines()
    {
        var lines = File.ReadAllLines(FixturePath("default-scopes.yml"));
        var rule = Defaults.Find("registry-users-lob1")!.Rules[1];
        Assert.Contains("server: currenttime", lines[rule.Line - 1]);
    }

    [Fact]
    public void ScopesYaml_QuotedStarToolsIsAStringWildcard()
    {
        var tools = Defaults.Find("mcp-servers-unrestricted/read")!.Rules[0].Tools!;
        Assert.Equal(DefinitionValueKind.String, tools.Kind);
        var decision = Decide(Defaults, ["mcp-servers-unrestricted/read"], "fininfo", "tools/call", "print_stock_data");
        Assert.True(decision.Allowed);
        Assert.Equal(ScopeGrantBranch.ToolWildcard, decision.Grant!.Branch);
    }

    [Fact]
    public void ScopesYaml_PublicUsersSlashVariantsAllMatchContext7()
    {
        var decision = Decide(Defaults, ["public-mcp-users"], "/context7/", "tools/call", "resolve-library-id");
        Assert.True(decision.Allowed);
        Assert.Equal(2, decision.Grant!.RuleIndex);
        Assert.False(Decide(Defaults, ["public-mcp-users"], "v0.1/servers", "GET").Allowed);
        Assert.Contains(Defaults.Findings, f => f.Code == ScopeFindingCodes.ServerV01NeverMatches);
    }

    [Theory]
    [InlineData("UI-Scopes")]
    [InlineData("group_mappings")]
    public void ScopesYaml_NonListKeyRequestedAsAScopeDeniesOnError(string scope)
    {
        var denied = Decide(Defaults, [scope, "registry-admins"], "currenttime", "initialize");
        Assert.False(denied.Allowed);
        Assert.Equal(scope, denied.Failure!.Scope);
        Assert.Null(denied.Failure.RuleIndex);
        Assert.True(Decide(Defaults, ["registry-admins", scope], "currenttime", "initialize").Allowed);
    }

    [Fact]
    public void ScopesYaml_AccessRulesGroupsAreNotExpanded()
    {
        var definitions = ScopesYamlLoader.FromText("s:\n  - scope_name: grp\n    access_rules:\n      - server: a\n        methods: [initialize]\n");
        Assert.False(Decide(definitions, ["s"], "a", "initialize").Allowed);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.RuleNeverMatches && f.Line == 2);
    }

    [Fact]
    public void ScopesYaml_ANonMappingRuleDeniesOnError()
    {
        var definitions = ScopesYamlLoader.FromText("s:\n  - just-a-string\n  - server: '*'\n    methods: [all]\n");
        var decision = Decide(definitions, ["s"], "a", "initialize");
        Assert.False(decision.Allowed);
        Assert.Equal(0, decision.Failure!.RuleIndex);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.RuleDeniesOnError && f.Line == 2);
    }

    [Fact]
    public void ScopesYaml_Yaml11BooleansAndNumbersAreNotStrings()
    {
        var definitions = ScopesYamlLoader.FromText("s:\n  - server: on\n    methods: [all]\nt:\n  - server: srv\n    methods: [initialize]\n    tools: [123, no, 'yes']\n");
        Assert.Equal(DefinitionValueKind.Boolean, definitions.Find("s")!.Rules[0].Server!.Kind);
        Assert.False(Decide(definitions, ["s", "t"], "srv", "initialize").Allowed);
        Assert.False(Decide(definitions, ["t"], "srv", "tools/call", "123").Allowed);
        Assert.True(Decide(definitions, ["t"], "srv", "tools/call", "yes").Allowed);
    }

    [Fact]
    public void ScopesYaml_DuplicateGroupLastWinsWithAWarningAndLine()
    {
        var definitions = ScopesYamlLoader.FromText("group_mappings:\n  g: [a]\n  g: [b]\na: []\nb: []\n");
        Assert.Equal(["b"], definitions.MapGroupsToScopes(["g"]));
        var finding = Assert.Single(definitions.Findings, f => f.Code == YamlFindingCodes.DuplicateKey);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal(3, finding.Line);
    }

    [Fact]
    public void ScopesYaml_MergeKeysAreApplied()
    {
        var definitions = ScopesYamlLoader.FromText("base: &base\n  - server: srv\n    methods: [initialize]\nrule: &r {server: x, methods: [ping]}\ns:\n  - <<: *r\n    server: y\n");
        Assert.True(Decide(definitions, ["s"], "y", "ping").Allowed);
        Assert.False(Decide(definitions, ["s"], "x", "ping").Allowed);
    }

    [Fact]
    public void ScopesYaml_TabIndentationIsAFindingWithItsLine()
    {
        var definitions = ScopesYamlLoader.FromText("group_mappings:\n  g: [a]\na:\n  - server: x\n\t  methods: [a]\n");
        var finding = Assert.Single(definitions.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(YamlFindingCodes.Syntax, finding.Code);
        Assert.Equal(5, finding.Line);
        Assert.Contains("tab", finding.Message);
    }

    [Fact]
    public void ScopesYaml_TabBeforeTheFirstKeyIsAFindingOnItsLine()
    {
        var definitions = ScopesYamlLoader.FromText("\tgroup_mappings:\n  g: [a]\n  h: [b]\n  i: [c]\na:\n  - server: x\n");
        var finding = Assert.Single(definitions.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(YamlFindingCodes.Syntax, finding.Code);
        Assert.Equal(1, finding.Line);
        Assert.Contains("tab", finding.Message);
        Assert.Empty(definitions.Scopes);
    }

    [Theory]
    [InlineData("base: &rule\n  server: x\n  methods: [ping]\nscope-a:\n  - *rule\n  - <<: *rule\n    tools: [t]\nscope-b: [*rule]\n")]
    [InlineData("scope-a:\n  - server: x\nscope-a:\n  - server: y\ngroup_mappings: {g: [scope-a]}\n1: [x]\n[k]: v\n")]
    [InlineData("defaults: &d {extra: [1]}\n<<: *d\nextra: [2]\ngroup_mappings:\n  g: [extra, missing, missing]\n")]
    [InlineData("- server: x\n")]
    [InlineData("scope-a: *unknown\n")]
    [InlineData("{}\n")]
    public void ScopesYaml_OnePassLoadEqualsLoadingTheTreeThenConverting(string yaml)
    {
        // The loader converts each top-level entry as soon as it is read; the result must be exactly that
        // of converting the whole loaded tree: values, lines, and findings in the same order.
        var document = YamlLoader.Load(yaml, "s.yml", ScopesYamlLoader.Options);
        var findings = new List<Finding>(document.Findings);
        var expected = ScopesYamlModel.Build(YamlDefinitionConverter.Convert(document.Root, "s.yml", findings), "s.yml", findings);
        var actual = ScopesYamlLoader.FromText(yaml, "s.yml");
        Assert.Equal(Describe(expected), Describe(actual));

        static string Describe(ScopeDefinitions definitions) => string.Join("\n",
            definitions.Findings.Select(f => $"{f.Severity} {f.Code} {f.Line}:{f.Column} {f.Path} {f.Message}")
                .Concat(definitions.Scopes.Select(s => $"{s.Name}@{s.Line} {s.IterationFailure} " + string.Join(" ", s.Rules.Select(r => $"{r.Index}@{r.Line}={r.Value}"))))
                .Concat(definitions.GroupMappingList.Select(g => $"{g.Group}@{g.Line}: {string.Join(",", g.Scopes)}")));
    }

    [Fact]
    public void ScopesYaml_AliasBombIsStopped()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Join("", Enumerable.Range(1, 9).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [{string.Join(", ", Enumerable.Repeat($"*{(char)('a' + i - 1)}", 10))}]\n"));
        var definitions = ScopesYamlLoader.FromText(bomb);
        Assert.Contains(definitions.Findings, f => f.Code == YamlFindingCodes.AliasExpansion);
        Assert.Empty(definitions.Scopes);
    }

    [Fact]
    public void ScopesYaml_EmptyFileIsAnError()
    {
        var definitions = ScopesYamlLoader.FromText("");
        Assert.Equal(ScopeFindingCodes.Empty, Assert.Single(definitions.Findings).Code);
    }

    [Fact]
    public void ScopesYaml_FileOverTheSizeLimitIsAFinding()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fgac-{Guid.NewGuid():N}.yml");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.SetLength(50L * 1024 * 1024);
            }

            var definitions = ScopeDefinitionsLoader.Load(path);
            Assert.Equal(YamlFindingCodes.TooLarge, Assert.Single(definitions.Findings).Code);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ScopesYaml_WrongShapesAreFindingsWithLines()
    {
        var definitions = ScopesYamlLoader.FromText("group_mappings:\n  g: a-string\n  h: [a, 5]\na:\n  - server: srv\n    method: [initialize]\n    tools: 7\nb: just text\n");
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.BadGroupMappings && f.Line == 2 && f.Severity == FindingSeverity.Error);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.BadGroupMappings && f.Line == 3 && f.Severity == FindingSeverity.Warning);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.UnknownKey && f.Line == 6 && f.Message.Contains("'method'"));
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.RuleDeniesOnError && f.Line == 7);
        Assert.Contains(definitions.Findings, f => f.Code == ScopeFindingCodes.ScopeNotAList && f.Line == 8);
    }

    [Fact]
    public void ScopesYaml_TopLevelListIsAFinding()
    {
        var definitions = ScopesYamlLoader.FromText("- server: x\n");
        Assert.Equal(ScopeFindingCodes.NotAMapping, Assert.Single(definitions.Findings).Code);
    }

    [Fact]
    public void ScopesYaml_GroupMappedToAnUndefinedScopeIsReported()
    {
        Assert.Contains(Defaults.Findings, f => f.Code == ScopeFindingCodes.UndefinedScope && f.Message.Contains("'mcp-registry-admin'"));
    }

    [Fact]
    public void ScopesYaml_NonStringKeysNeverMatchAGroupName()
    {
        var definitions = ScopesYamlLoader.FromText("group_mappings:\n  123: [a]\n  yes: [a]\n  '456': [a]\na: []\n");
        Assert.Empty(definitions.MapGroupsToScopes(["123", "yes", "True"]));
        Assert.Equal(["a"], definitions.MapGroupsToScopes(["456"]));
        Assert.Equal([2, 3], definitions.Findings.Where(f => f.Code == ScopeFindingCodes.WrongType).Select(f => f.Line));
    }
}
