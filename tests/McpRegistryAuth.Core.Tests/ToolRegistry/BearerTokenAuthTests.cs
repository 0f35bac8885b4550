using System.Text;
using McpRegistryAuth.Core;
using McpRegistryAuth.Core.ToolRegistry;
using Xunit;

namespace McpRegistryAuth.Core.Tests.ToolRegistry;

public class BearerTokenAuthTests
{
    private static BearerTokenAuth Auth(string content) => new(TokensFile.Parse(content, "tokens.txt"));

    private static Verdict One(string content, ToolRegistryRequest request) => Assert.Single(Auth(content).Answer(request));

    private static ToolRegistryRequest WithToken(string token, string path = "/tools") => new() { Token = new Secret(token), Path = path };

    [Fact]
    public void ToolRegistry_TokenInFileIsAccepted()
    {
        var verdict = One("tok-one\ntok-two\n", WithToken("tok-two"));
        Assert.Equal(200, verdict.Status);
        Assert.Equal("Token:line 2", verdict.AcceptedBy);
    }

    [Fact]
    public void ToolRegistry_MatchingIsExactAndCaseSensitive()
    {
        var verdict = One("Tok-One\n", WithToken("tok-one"));
        Assert.Equal(401, verdict.Status);
        Assert.Contains(verdict.Hints, h => h.Contains("letter case") && h.Contains("line 1"));
    }

    [Fact]
    public void ToolRegistry_PrefixOfATokenIsNotAccepted()
    {
        Assert.Equal(401, One("tok-one-longer\n", WithToken("tok-one")).Status);
    }

    [Fact]
    public void ToolRegistry_WrongToken_401InvalidAuthenticationTokenWithBearerChallenge()
    {
        var verdict = One("tok-one\n", WithToken("nope"));
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Invalid authentication token", verdict.Detail);
        Assert.Equal("{\"detail\":\"Invalid authentication token\"}", verdict.Body);
        Assert.Equal("Bearer", verdict.WwwAuthenticate);
        Assert.Equal("ToolRegistry.Token.Match", verdict.FailedCheck?.Name);
    }

    [Fact]
    public void ToolRegistry_CredentialIsStrippedBeforeComparison()
    {
        Assert.Equal(200, One("tok-one\n", WithToken("  tok-one ")).Status);
    }

    [Fact]
    public void ToolRegistry_MissingHeader_BothFastApiAnswersWhenNoVersionGiven()
    {
        var verdicts = Auth("tok\n").Answer(new ToolRegistryRequest());
        Assert.Equal(2, verdicts.Count);
        var before = verdicts.Single(v => v.Status == 403);
        Assert.Equal("{\"detail\":\"Not authenticated\"}", before.Body);
        Assert.Null(before.WwwAuthenticate);
        var from = verdicts.Single(v => v.Status == 401);
        Assert.Equal("{\"detail\":\"Not authenticated\"}", from.Body);
        Assert.Equal("Bearer", from.WwwAuthenticate);
        Assert.All(verdicts, v => Assert.Contains(v.Checks, c => c.Name == "ToolRegistry.FastApi.Range"));
        Assert.Contains(before.Hints, h => h.Contains("0.121.x") && h.Contains("-FastApiVersion"));
        Assert.Contains(from.Hints, h => h.Contains("0.122.0 and later"));
    }

    [Theory]
    [InlineData("0.121.3", 403)]
    [InlineData("0.119.0", 403)]
    [InlineData("0.122.0", 401)]
    [InlineData("0.122", 401)]
    [InlineData("0.141.1", 401)]
    public void ToolRegistry_MissingHeader_FastApiVersionPicksOneAnswer(string version, int status)
    {
        var verdict = One("tok\n", new ToolRegistryRequest { FastApiVersion = Version.Parse(version) });
        Assert.Equal(status, verdict.Status);
        Assert.Equal("Not authenticated", verdict.Detail);
        Assert.DoesNotContain(verdict.Hints, h => h.Contains("-FastApiVersion"));
    }

    [Fact]
    public void ToolRegistry_EmptyCredentialCountsAsMissingHeader()
    {
        var verdict = One("tok\n", new ToolRegistryRequest { Token = new Secret("   "), FastApiVersion = new Version(0, 130) });
        Assert.Equal(401, verdict.Status);
        Assert.Equal("Not authenticated", verdict.Detail);
    }

    [Fact]
    public void ToolRegistry_WrongScheme_InvalidCredentialsBefore0122_NotAuthenticatedFrom0122()
    {
        var request = new ToolRegistryRequest { Token = new Secret("tok"), Scheme = "Basic" };
        var verdicts = Auth("tok\n").Answer(request);
        Assert.Contains(verdicts, v => v.Status == 403 && v.Detail == "Invalid authentication credentials");
        Assert.Contains(verdicts, v => v.Status == 401 && v.Detail == "Not authenticated" && v.WwwAuthenticate == "Bearer");
    }

    [Fact]
    public void ToolRegistry_SchemeIsCaseInsensitive()
    {
        Assert.Equal(200, One("tok\n", new ToolRegistryRequest { Token = new Secret("tok"), Scheme = "bEaReR" }).Status);
    }

    [Fact]
    public void ToolRegistry_AuthorizationHeaderSplitsAtFirstSpace()
    {
        var request = ToolRegistryRequest.FromAuthorizationHeader(new Secret("Bearer  tok en"));
        Assert.Equal("Bearer", request.Scheme);
        Assert.Equal(200, One("tok en\n", request).Status);
    }

    [Fact]
    public void ToolRegistry_EmptyFileDisablesAuth_EveryRequestAllowedWithWarning()
    {
        var verdict = One("# nothing yet\n", new ToolRegistryRequest());
        Assert.Equal(200, verdict.Status);
        Assert.Equal("AuthenticationDisabled", verdict.AcceptedBy);
        Assert.NotEmpty(verdict.Warnings);
        Assert.Contains(verdict.Findings, f => f.Code == TokensFileCodes.NoTokensAuthDisabled && f.Severity == FindingSeverity.Warning);
    }

    [Fact]
    public void ToolRegistry_BomPitfall_FirstTokenNeverMatches_HintSaysWhy()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("tok-bom\ntok-two\n")).ToArray();
        var auth = new BearerTokenAuth(TokensFile.Parse(bytes, "tokens.txt"));
        var verdict = Assert.Single(auth.Answer(WithToken("tok-bom")));
        Assert.Equal(401, verdict.Status);
        Assert.Contains(verdict.Hints, h => h.Contains("BOM"));
        Assert.Contains(verdict.Findings, f => f.Code == TokensFileCodes.ByteOrderMark);
        Assert.Equal(200, Assert.Single(auth.Answer(WithToken("tok-two"))).Status);
    }

    [Fact]
    public void ToolRegistry_CommentedOutToken_HintNamesTheLine()
    {
        var verdict = One("# tok-old\ntok-new\n", WithToken("tok-old"));
        Assert.Equal(401, verdict.Status);
        Assert.Contains(verdict.Hints, h => h.Contains("Line 1") && h.Contains("commented out"));
    }

    [Fact]
    public void ToolRegistry_InlineComment_HintSaysWholeLineIsTheToken()
    {
        var verdict = One("tok # laptop\n", WithToken("tok"));
        Assert.Equal(401, verdict.Status);
        Assert.Contains(verdict.Hints, h => h.Contains("inline comments"));
    }

    [Theory]
    [InlineData("/openapi.json")]
    [InlineData("/docs")]
    [InlineData("/redoc")]
    [InlineData("/docs?x=1")]
    public void ToolRegistry_NeverProtectedPaths_AnswerWithoutToken(string path)
    {
        var verdict = One("tok\n", new ToolRegistryRequest { Path = path });
        Assert.Equal(200, verdict.Status);
        Assert.StartsWith("NeverProtectedPath:", verdict.AcceptedBy);
        Assert.Contains(verdict.Warnings, w => w.Contains("never protected"));
    }

    [Fact]
    public void ToolRegistry_ToolRoutesAreProtected()
    {
        var verdict = One("tok\n", WithToken("nope", "/calculator/evaluate"));
        Assert.Equal(401, verdict.Status);
        Assert.DoesNotContain(verdict.Checks, c => c.Name == "ToolRegistry.ETag.BeforeAuth");
    }

    [Theory]
    [InlineData("/tools")]
    [InlineData("/openapi.json")]
    public void ToolRegistry_IfNoneMatchOnETagPaths_304BeforeAuthWarning(string path)
    {
        var verdicts = Auth("tok\n").Answer(new ToolRegistryRequest { Path = path, SendsIfNoneMatch = true, FastApiVersion = new Version(0, 122, 0) });
        var verdict = Assert.Single(verdicts);
        Assert.Contains(verdict.Warnings, w => w.Contains("304"));
        Assert.Contains(verdict.Checks, c => c.Name == "ToolRegistry.ETag.BeforeAuth" && !c.Passed);
    }

    [Fact]
    public void ToolRegistry_IfNoneMatchOnToolRoute_NoETagWarning()
    {
        var verdict = One("tok\n", WithToken("tok", "/calculator/evaluate") with { SendsIfNoneMatch = true });
        Assert.DoesNotContain(verdict.Warnings, w => w.Contains("304"));
    }

    [Fact]
    public void ToolRegistry_ServerThatCannotStartHasNoStatus()
    {
        var auth = new BearerTokenAuth(TokensFile.Parse(new byte[] { 0xC3, 0x28 }, "tokens.txt"));
        var verdict = Assert.Single(auth.Answer(WithToken("tok")));
        Assert.Null(verdict.Status);
        Assert.Equal("ToolRegistry.TokensFile.Loaded", verdict.FailedCheck?.Name);
    }

    [Fact]
    public void ToolRegistry_NoSecretInAnyMessage()
    {
        const string token = "very-secret-token-value";
        var verdicts = Auth($"{token}X\n# {token}\n").Answer(WithToken(token));
        var text = string.Join("\n", verdicts.SelectMany(v => v.Checks.Select(c => c.ToString()).Concat(v.Hints).Concat(v.Warnings).Concat(v.Findings.Select(f => f.ToString()))));
        Assert.DoesNotContain("very-secret", text);
    }

    [Fact]
    public void ToolRegistry_TokensFileIsReadOnceAtStartup_HintSaysRestart()
    {
        var verdict = One("tok\n", WithToken("tok"));
        Assert.Contains(verdict.Hints, h => h.Contains("once at startup") && h.Contains("restart"));
    }

    [Fact]
    public void ToolRegistry_ETagHeaderIsAddedEvenToThe401OnTools()
    {
        Assert.Contains(One("tok\n", WithToken("nope")).Hints, h => h.Contains("ETag"));
        Assert.DoesNotContain(One("tok\n", WithToken("nope", "/calculator/evaluate")).Hints, h => h.Contains("ETag"));
    }
}
