using McpRegistryAuth.Core.Files;
using Xunit;

namespace McpRegistryAuth.Core.Tests.Files;

/// <summary>docker compose v2 .env reading and byte-preserving edits.</summary>
public class DotEnvFileTests
{
    [Fact]
    public void Parse_ReadsCommentsExportQuotesAndInlineComments()
    {
        var text = "# comment\nA=1\nexport B=two\nC='lit $A #x'\nD=\"x\\ny $A\"\nE=plain # trailing\nF=a#b\n  G = spaced  \n";
        var env = DotEnvFile.Parse(text);
        Assert.Equal("1", env.Find("A")!.Value);
        Assert.Equal("two", env.Find("B")!.Value);
        Assert.True(env.Find("B")!.Exported);
        Assert.Equal("lit $A #x", env.Find("C")!.Value);
        Assert.Equal("x\ny 1", env.Find("D")!.Value);
        Assert.Equal("plain", env.Find("E")!.Value);
        Assert.Equal("a#b", env.Find("F")!.Value);
        Assert.Equal("spaced", env.Find("G")!.Value);
        Assert.Equal(8, env.Find("G")!.Line);
    }

    [Fact]
    public void Parse_InterpolatesWithDefaults()
    {
        var env = DotEnvFile.Parse("A=x\nB=${A}-${MISSING:-d}-$A\n");
        Assert.Equal("x-d-x", env.Find("B")!.Value);
    }

    [Fact]
    public void Parse_LaterAssignmentWinsAndIsReported()
    {
        var env = DotEnvFile.Parse("A=1\nA=2\n", "x.env");
        Assert.Equal("2", env.Find("A")!.Value);
        var finding = Assert.Single(env.Findings);
        Assert.Equal("ENV002", finding.Code);
        Assert.Equal(2, finding.Line);
    }

    [Fact]
    public void Parse_MalformedLineIsAFindingThatDoesNotEchoTheLine()
    {
        var env = DotEnvFile.Parse("A=1\nsecret-token-pasted-here\n", "x.env");
        var finding = Assert.Single(env.Findings);
        Assert.Equal("ENV001", finding.Code);
        Assert.Equal(2, finding.Line);
        Assert.DoesNotContain("secret-token", finding.Message);
    }

    [Fact]
    public void Parse_UnterminatedQuoteIsReported()
    {
        var env = DotEnvFile.Parse("A='open\nB=2\n", "x.env");
        Assert.Contains(env.Findings, f => f.Code == "ENV003" && f.Line == 1);
    }

    [Fact]
    public void WithValue_ReplacesOnlyTheAssignmentAndKeepsEveryOtherByte()
    {
        var text = "# head\r\nA=old # note\r\nB='x'\r\n\r\nC=3";
        var updated = DotEnvFile.Parse(text).WithValue("A", "new");
        Assert.Equal("# head\r\nA=new # note\r\nB='x'\r\n\r\nC=3", updated);
    }

    [Fact]
    public void WithValue_AppendsWithTheFilesNewlineAndAddsAMissingFinalNewline()
    {
        Assert.Equal("A=1\r\nB=2\r\n", DotEnvFile.Parse("A=1\r\n").WithValue("B", "2"));
        Assert.Equal("A=1\nB=2\n", DotEnvFile.Parse("A=1").WithValue("B", "2"));
        Assert.Equal("B=2\n", DotEnvFile.Parse("").WithValue("B", "2"));
    }

    [Fact]
    public void WithValue_KeepsExportAndReplacesTheLastAssignment()
    {
        Assert.Equal("A=1\nexport A=9\n", DotEnvFile.Parse("A=1\nexport A=2\n").WithValue("A", "9"));
    }

    [Fact]
    public void Quote_UsesSingleQuotesForValuesComposeWouldChange()
    {
        Assert.Equal("abc-_123", DotEnvFile.Quote("abc-_123"));
        Assert.Equal("'{\"a\": 1}'", DotEnvFile.Quote("{\"a\": 1}"));
        Assert.Equal("'a b'", DotEnvFile.Quote("a b"));
        Assert.Equal("'x$y'", DotEnvFile.Quote("x$y"));
        Assert.Throws<ArgumentException>(() => DotEnvFile.Quote("it's"));
    }

    [Fact]
    public void Quote_RoundTripsThroughTheParser()
    {
        foreach (var value in new[] { "{\"ci\":{\"key\":\"k\",\"groups\":[\"g\"]}}", "a b #c", "$HOME", "plain" })
        {
            Assert.Equal(value, DotEnvFile.Parse(DotEnvFile.Parse("").WithValue("K", value)).Find("K")!.Value);
        }
    }
}
