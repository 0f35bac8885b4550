using System.Text;
using McpRegistryAuth.Core.Yaml;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Yaml;

public class YamlLoaderTests
{
    private static YamlDocument Load(string text, YamlLoadOptions? options = null) =>
        YamlLoader.Load(text, "config.yaml", options ?? YamlLoadOptions.ToolHive);

    [Fact]
    public void Yaml_EveryNodeHasOneBasedLineAndColumn()
    {
        var doc = Load("auth:\n  mode: oauth\n  publicPaths:\n    - /a\n    - /b\n");
        Assert.Empty(doc.Findings);
        var root = Assert.IsType<YamlMappingNode>(doc.Root);
        Assert.Equal((1, 1), (root.Line, root.Column));
        var auth = Assert.IsType<YamlMappingNode>(root.Get("auth"));
        var mode = auth.Find("mode")!;
        Assert.Equal((2, 3), (mode.Key.Line, mode.Key.Column));
        Assert.Equal((2, 9), (mode.Value.Line, mode.Value.Column));
        var paths = Assert.IsType<YamlSequenceNode>(auth.Get("publicPaths"));
        Assert.Equal(5, paths.Items[1].Line);
        Assert.Equal(7, paths.Items[1].Column);
    }

    [Fact]
    public void Yaml_MappingKeepsEntriesInOrder()
    {
        var doc = Load("b: 1\na: 2\nc: 3\n");
        var root = Assert.IsType<YamlMappingNode>(doc.Root);
        Assert.Equal(["b", "a", "c"], root.Entries.Select(e => e.KeyText));
    }

    [Fact]
    public void Yaml_ScalarKeepsStyleAndTag()
    {
        var doc = Load("a: 'x'\nb: \"y\"\nc: !!str true\nd: z\ne: |\n  lit\n");
        var root = Assert.IsType<YamlMappingNode>(doc.Root);
        Assert.Equal(YamlScalarStyle.SingleQuoted, ((YamlScalarNode)root.Get("a")!).Style);
        Assert.Equal(YamlScalarStyle.DoubleQuoted, ((YamlScalarNode)root.Get("b")!).Style);
        Assert.Equal("tag:yaml.org,2002:str", root.Get("c")!.Tag);
        Assert.Equal(YamlScalarStyle.Plain, ((YamlScalarNode)root.Get("d")!).Style);
        Assert.Null(root.Get("d")!.Tag);
        Assert.Equal(YamlScalarStyle.Literal, ((YamlScalarNode)root.Get("e")!).Style);
    }

    [Theory]
    [InlineData("a:\n", true)]
    [InlineData("a: ~\n", true)]
    [InlineData("a: null\n", true)]
    [InlineData("a: 'null'\n", false)]
    [InlineData("a: nil\n", false)]
    public void Yaml_PlainNullSpellingsAreNull(string text, bool isNull)
    {
        var root = Assert.IsType<YamlMappingNode>(Load(text).Root);
        Assert.Equal(isNull, ((YamlScalarNode)root.Get("a")!).IsNull);
    }

    [Fact]
    public void Yaml_DuplicateKeyIsAnErrorForToolHive()
    {
        var doc = Load("auth:\n  mode: oauth\n  mode: anonymous\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(YamlFindingCodes.DuplicateKey, finding.Code);
        Assert.Equal(3, finding.Line);
        Assert.Equal("auth.mode", finding.Path);
        Assert.Contains("already defined at line 2", finding.Message);
        Assert.NotNull(doc.Root);
    }

    [Fact]
    public void Yaml_DuplicateKeyIsLastWinsWarningForGatewayScopes()
    {
        var doc = Load("group:\n  - a\ngroup:\n  - b\n", YamlLoadOptions.GatewayScopes);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        var root = Assert.IsType<YamlMappingNode>(doc.Root);
        Assert.Equal(2, root.Entries.Count);
        var last = Assert.IsType<YamlSequenceNode>(root.Get("group"));
        Assert.Equal("b", ((YamlScalarNode)last.Items[0]).Value);
    }

    [Fact]
    public void Yaml_KeysDifferingOnlyInCaseAreNotYamlDuplicates()
    {
        var doc = Load("mode: a\nMode: b\n");
        Assert.Empty(doc.Findings);
    }

    [Fact]
    public void Yaml_TabIndentationGivesSyntaxFindingOnTheTabLine()
    {
        var doc = Load("auth:\n  mode: oauth\n\toauth:\n    realm: x\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.Syntax, finding.Code);
        Assert.Equal(3, finding.Line);
        Assert.Contains("tab", finding.Message);
        Assert.Equal("Indent with spaces instead of tabs.", finding.Fix);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Yaml_TabIndentationFindingNamesTheTabLineWhenTheParserFailsLater()
    {
        // YamlDotNet reads past a tab before the first key and gives up at the next top-level key (line 5)
        // without naming the tab; the finding must still point at the tab's line.
        var doc = Load("\tauth:\n  mode: oauth\n  realm: x\n  issuer: y\nstorage:\n  path: /data\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.Syntax, finding.Code);
        Assert.Equal(1, finding.Line);
        Assert.Equal(1, finding.Column);
        Assert.StartsWith("Invalid YAML at line 1, column 1: a tab character is used for indentation", finding.Message);
        Assert.Equal("Indent with spaces instead of tabs.", finding.Fix);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Yaml_TabIndentationFindingNamesTheTabLineNotTheMappingStart()
    {
        // YamlDotNet reports this tab at the start of the root mapping (line 1), far above the tab.
        var doc = Load("x: 1\ny: 2\nz: 3\nw: 4\nv: 5\na:\n\t- server: x\n", YamlLoadOptions.GatewayScopes);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.Syntax, finding.Code);
        Assert.Equal(7, finding.Line);
        Assert.Equal("Indent with spaces instead of tabs.", finding.Fix);
    }

    [Fact]
    public void Yaml_SyntaxErrorWithoutTabsKeepsTheParserLine()
    {
        var doc = Load("a: 1\nb: 2\nc: 3\nd: 4\ne: [x\nf: 5\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.Syntax, finding.Code);
        Assert.DoesNotContain("tab", finding.Message);
        Assert.Equal("Correct the YAML syntax at this line.", finding.Fix);
    }

    [Fact]
    public void Yaml_SyntaxErrorNamesLineWithoutParserMarkPrefix()
    {
        var doc = Load("auth:\n  mode: [oauth\n  other: x\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.Syntax, finding.Code);
        Assert.NotNull(finding.Line);
        Assert.DoesNotContain("Idx:", finding.Message);
        Assert.StartsWith("Invalid YAML at line ", finding.Message);
    }

    [Fact]
    public void Yaml_AliasBombStopsAtExpansionLimit()
    {
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            var prev = (char)('a' + i - 1);
            var cur = (char)('a' + i);
            bomb.Append($"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n");
        }

        var doc = Load(bomb.ToString());
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.AliasExpansion, finding.Code);
        Assert.NotNull(finding.Line);
        Assert.True(finding.Line > 1);
        Assert.Null(doc.Root);
    }

    [Fact]
    public void Yaml_SmallAliasesAreResolvedToTheAnchoredNode()
    {
        var doc = Load("base: &p\n  name: x\ncopy: *p\n");
        Assert.Empty(doc.Findings);
        var root = Assert.IsType<YamlMappingNode>(doc.Root);
        Assert.Same(root.Get("base"), root.Get("copy"));
    }

    [Fact]
    public void Yaml_UnknownAliasIsAFinding()
    {
        var doc = Load("a: 1\nb: *nope\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.UnknownAlias, finding.Code);
        Assert.Equal(2, finding.Line);
        Assert.Contains("*nope", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clientSecret")]
    [InlineData("authToken")]
    [InlineData("password")]
    public void Yaml_UnknownAliasUnderASecretFieldShowsOnlyItsFingerprint(string field)
    {
        // An unquoted secret that starts with '*' reads as an alias; its text must not be shown.
        var doc = Load($"provider:\n  {field}: *S3cretMARKERvalue\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.UnknownAlias, finding.Code);
        Assert.Equal(2, finding.Line);
        Assert.Equal($"provider.{field}", finding.Path);
        Assert.DoesNotContain("MARKER", finding.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("MARKER", finding.Fix, StringComparison.Ordinal);
        Assert.Contains($"fingerprint {Fingerprint.Of("S3cretMARKERvalue")}", finding.Message, StringComparison.Ordinal);
        Assert.Contains("quote the value", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_DepthLimitStopsDeepNesting()
    {
        var text = new string('[', 200) + new string(']', 200);
        var doc = Load(text);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.TooDeep, finding.Code);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void Yaml_TenMegabyteInputIsRefusedBySizeCap()
    {
        var bytes = new byte[10 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');
        var doc = YamlLoader.Load(bytes, "big.yaml", YamlLoadOptions.ToolHive);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.TooLarge, finding.Code);
        Assert.Contains("10485760 bytes", finding.Message);
    }

    [Fact]
    public void Yaml_BinaryGarbageIsNotTextWithLine()
    {
        byte[] bytes = [(byte)'a', (byte)':', (byte)' ', (byte)'1', (byte)'\n', 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF];
        var doc = YamlLoader.Load(bytes, "x.yaml", YamlLoadOptions.ToolHive);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.NotText, finding.Code);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void Yaml_NulByteIsNotText()
    {
        var doc = YamlLoader.Load("a: 1\nb: \0\n"u8, "x.yaml", YamlLoadOptions.ToolHive);
        Assert.Equal(YamlFindingCodes.NotText, Assert.Single(doc.Findings).Code);
        Assert.Equal(2, doc.Findings[0].Line);
    }

    [Fact]
    public void Yaml_Utf8BomIsAccepted()
    {
        var doc = YamlLoader.Load([0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1'], "x.yaml", YamlLoadOptions.ToolHive);
        Assert.Empty(doc.Findings);
        Assert.IsType<YamlMappingNode>(doc.Root);
    }

    [Fact]
    public void Yaml_ListWhereMapExpectedGivesWrongKindFinding()
    {
        var doc = Load("- auth\n- mode\n");
        var root = Assert.IsType<YamlSequenceNode>(doc.Root);
        var finding = YamlShape.WrongKind(root, YamlNodeKind.Mapping, "", "config.yaml");
        Assert.Equal(YamlFindingCodes.WrongKind, finding.Code);
        Assert.Equal(1, finding.Line);
        Assert.Equal("The document must be a mapping, but is a sequence (list).", finding.Message);
    }

    [Fact]
    public void Yaml_EmptyDocumentHasNullRootAndNoFindings()
    {
        var doc = Load("# only a comment\n");
        Assert.Null(doc.Root);
        Assert.Empty(doc.Findings);
    }

    [Fact]
    public void Yaml_SecondDocumentIsAWarning()
    {
        var doc = Load("a: 1\n---\nb: 2\n");
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(YamlFindingCodes.ExtraDocuments, finding.Code);
        Assert.Equal(2, finding.Line);
        var root = Assert.IsType<YamlMappingNode>(doc.Root);
        Assert.NotNull(root.Get("a"));
    }

    [Fact]
    public void Yaml_MissingFileIsAFindingNotAnException()
    {
        var doc = YamlLoader.LoadFile(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "x.yaml"), YamlLoadOptions.ToolHive);
        Assert.Equal(YamlFindingCodes.Unreadable, Assert.Single(doc.Findings).Code);
    }

    [Theory]
    [InlineData("key: [unclosed")]
    [InlineData("{a: 1, b")]
    [InlineData("a: b: c")]
    [InlineData("- a\nb: c")]
    [InlineData("\"unterminated")]
    [InlineData("a: !!binary ***")]
    [InlineData("a: &x\n  b: *x")]
    [InlineData("? [a, b]\n: c")]
    [InlineData("%YAML 9.9\n---\na: 1")]
    [InlineData("a: @b")]
    public void Yaml_MalformedInputNeverThrows(string text)
    {
        var doc = Load(text);
        Assert.All(doc.Findings, f => Assert.NotNull(f.Code));
    }
}
