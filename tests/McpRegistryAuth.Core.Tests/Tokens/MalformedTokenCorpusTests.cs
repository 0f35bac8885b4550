using McpRegistryAuth.Core.Gateway;
using McpRegistryAuth.Core.Gateway.Jwt;
using McpRegistryAuth.Core.Tokens;
using Xunit;
using static McpRegistryAuth.Core.Tests.Gateway.Jwt.GatewayJwtTestBed;

namespace McpRegistryAuth.Core.Tests.Tokens;

/// <summary>Every corpus token gives an inspection and a gateway verdict, never an exception, and no message quotes the token.</summary>
public class MalformedTokenCorpusTests
{
    private static readonly IReadOnlyList<(string Name, string Token)> Corpus = MalformedTokenCorpus.Build();

    [Fact]
    public void Corpus_HasAtLeast200Cases() => Assert.True(Corpus.Count >= 200, $"{Corpus.Count} cases");

    [Fact]
    public async Task Corpus_NeverThrowsAndNeverQuotesTheToken()
    {
        var failures = new List<string>();
        var env = Keycloak(("SECRET_KEY", SecretKey));
        var stage = new GatewayJwtStage(new FixedKeySetSource(Keys), selfSigned: new SelfSignedVerification(GatewayRelease.V130));
        foreach (var (name, token) in Corpus)
        {
            try
            {
                var inspection = TokenInspector.Inspect(new Secret(token), At);
                var verdict = await stage.EvaluateAsync(Bearer(token), env, At);
                // A 200 is right only where PyJWT really verifies the signature (its decoder pads and drops foreign characters).
                var verified = verdict.Checks.Any(c => c.Name == "Gateway.Jwt.Signature" && c.Passed);
                if (verdict.Status is not (401 or 403 or 500) && !(verdict.Status == 200 && verified))
                    failures.Add($"{name}: status {verdict.Status}");

                var messages = verdict.Checks.Select(c => c.ToString())
                    .Concat(verdict.Hints).Concat(verdict.Warnings).Concat(verdict.Findings.Select(f => f.ToString()))
                    .Append(verdict.Detail ?? "").Append(verdict.Body ?? "")
                    .Append(inspection.OpaqueReason ?? "").Append(inspection.GatewayDecodeError ?? "").Concat(inspection.Notes);
                var text = string.Join("\n", messages);
                foreach (var piece in token.Split('.').Append(token).Where(p => p.Trim().Length >= 12))
                {
                    if (text.Contains(piece, StringComparison.Ordinal)) failures.Add($"{name}: a message quotes the token text");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Corpus_AlgorithmConfusionAndAlgNoneAreRejected()
    {
        var env = Keycloak();
        var stage = new GatewayJwtStage(new FixedKeySetSource(Keys), selfSigned: new SelfSignedVerification(GatewayRelease.V130));
        foreach (var name in new[] { "alg-none", "hs256-rsa-public-key-pem", "hs256-rsa-public-key-der" })
        {
            var verdict = await stage.EvaluateAsync(Bearer(Corpus.Single(c => c.Name == name).Token), env, At);
            Assert.Equal(401, verdict.Status);
        }
    }

    [Fact]
    public void Corpus_NewlinesInsideASegmentAreSkippedByGoButATabIsNot()
    {
        var parts = TestJwt.RsaToken(new { sub = "x", scope = "read write" }).Split('.');
        var middle = parts[1].Length / 2;
        var withNewline = parts[0] + "." + parts[1][..middle] + "\r\n" + parts[1][middle..] + "." + parts[2];
        var withTab = parts[0] + "." + parts[1][..middle] + "\t" + parts[1][middle..] + "." + parts[2];
        Assert.Equal(TokenKind.Jwt, TokenInspector.Inspect(new Secret(withNewline), At).Kind);
        var tab = TokenInspector.Inspect(new Secret(withTab), At);
        Assert.Equal(TokenKind.Opaque, tab.Kind);
        Assert.Equal("could not base64 decode claim", tab.OpaqueReason);
    }
}
