using System.Text;
using static McpRegistryAuth.Core.Tests.Tokens.TestJwt;

namespace McpRegistryAuth.Core.Tests.Tokens;

/// <summary>
/// Generated malformed and hostile tokens (deterministic): bad base64 and padding, 1-6 segments, huge and deep
/// headers, non-JSON and non-object JSON, odd kid and alg values, alg none, HS256 keyed with the RSA public key,
/// nested JWTs, control characters, truncations, single-character mutations and a 1 MB token.
/// </summary>
internal static class MalformedTokenCorpus
{
    public static IReadOnlyList<(string Name, string Token)> Build()
    {
        var cases = new List<(string, string)>();
        var random = new Random(20261122);
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var valid = RsaToken(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", exp });
        var parts = valid.Split('.');

        string RandomSegment(int length)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            var chars = new char[length];
            for (var i = 0; i < length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            return new string(chars);
        }

        // Segment counts 1..6 of random base64url.
        for (var count = 1; count <= 6; count++)
        {
            for (var i = 0; i < 5; i++) cases.Add(($"segments-{count}-{i}", string.Join('.', Enumerable.Range(0, count).Select(_ => RandomSegment(random.Next(0, 40))))));
        }

        // Empty segments and dots only.
        foreach (var t in new[] { ".", "..", "...", "....", "a..", ".b.", "..c", parts[0] + "..", "." + parts[1] + "." + parts[2] })
            cases.Add(($"empty-segments-{t.Length}-{t.Count(c => c == '.')}", t));

        // Bad base64 and padding in each segment.
        var badChars = new[] { "=", "==", "+", "/", " ", "%", "*", "\u00e9", "\u0000", "\u0001" };
        for (var segment = 0; segment < 3; segment++)
        {
            foreach (var bad in badChars)
            {
                var copy = (string[])parts.Clone();
                copy[segment] += bad;
                cases.Add(($"bad-b64-seg{segment}-{(int)bad[0]}", string.Join('.', copy)));
            }
        }

        // Control characters and whitespace inside the token.
        foreach (var control in new[] { "\r\n", "\n", "\t", "\u007f", "\u2028", "\uFEFF", "\u0000" })
        {
            var at = random.Next(1, valid.Length - 1);
            cases.Add(($"control-{(int)control[0]}", valid[..at] + control + valid[at..]));
        }

        // Truncations.
        for (var i = 1; i <= 30; i++) cases.Add(($"truncated-{i}", valid[..(valid.Length * i / 31)]));

        // Single-character mutations across the token.
        for (var i = 0; i < 40; i++)
        {
            var at = random.Next(valid.Length);
            var replacement = "A.=-_+/ Z9"[random.Next(10)];
            cases.Add(($"mutation-{i}", valid[..at] + replacement + valid[(at + 1)..]));
        }

        // Header variants over a valid payload, signed with the test RSA key where it makes sense.
        var payload = Json(new { iss = "https://kc.example.com/realms/mcp-gateway", aud = "mcp-gateway", exp });
        var headers = new[]
        {
            "{}", "[]", "[1,2]", "\"RS256\"", "1", "null", "true", "{\"alg\":\"none\"}", "{\"alg\":\"none\",\"kid\":\"rsa-1\"}",
            "{\"alg\":\"RS256\",\"kid\":7}", "{\"alg\":\"RS256\",\"kid\":null}", "{\"alg\":\"RS256\",\"kid\":[\"rsa-1\"]}", "{\"alg\":\"RS256\",\"kid\":\"\"}",
            "{\"alg\":\"RS256\",\"kid\":{\"a\":1}}", "{\"alg\":[\"RS256\"],\"kid\":\"rsa-1\"}", "{\"alg\":7,\"kid\":\"rsa-1\"}", "{\"alg\":\"rs256\",\"kid\":\"rsa-1\"}",
            "{\"alg\":\"PS256\",\"kid\":\"rsa-1\"}", "{\"alg\":\"EdDSA\",\"kid\":\"rsa-1\"}", "{\"alg\":\"ES256\",\"kid\":\"rsa-1\"}", "{\"alg\":\"RS256\",\"kid\":\"ec-1\"}",
            "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"crit\":[\"exp\"]}", "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"alg\":\"none\"}", "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"", "{alg:RS256}",
            "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"} trailing", "\uFEFF{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"typ\":\"JWT\",\"cty\":\"JWT\"}",
            "{\"alg\":\"RS256\",\"kid\":\"" + new string('k', 100_000) + "\"}", "{\"alg\":\"" + new string('A', 50_000) + "\"}",
            new string('[', 300) + new string(']', 300), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201),
            "{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"x\":1e309}", "{\"alg\":\"RS256\",\"kid\":\"rsa-1\\u0000\"}",
        };
        foreach (var (header, index) in headers.Select((h, i) => (h, i)))
        {
            cases.Add(($"header-{index}-rsa", SignRaw(header, payload)));
            cases.Add(($"header-{index}-unsigned", B64(header) + "." + B64(payload) + "."));
        }

        // Invalid UTF-8 in header and payload.
        var invalidUtf8 = B64(new byte[] { 0x7b, 0x22, 0x61, 0x6c, 0x67, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d });
        cases.Add(("utf8-header", invalidUtf8 + "." + parts[1] + "." + parts[2]));
        cases.Add(("utf8-payload", parts[0] + "." + invalidUtf8 + "." + parts[2]));

        // Payload variants signed correctly with the RSA key.
        var payloads = new[]
        {
            "[]", "1", "\"x\"", "null", "{}", "{\"exp\":\"soon\"}", "{\"exp\":1e309}", "{\"exp\":-1e309}", "{\"exp\":null}", "{\"exp\":true}", "{\"exp\":[1]}",
            "{\"iat\":1e300,\"exp\":1e300}", "{\"nbf\":\"x\"}", "{\"iss\":7}", "{\"iss\":null}", "{\"iss\":[\"a\"]}", "{\"aud\":7}", "{\"aud\":[1,\"a\"]}", "{\"aud\":{}}",
            "{\"aud\":\"\"}", "{\"aud\":[]}", "{\"iss\":\"https://kc.example.com/realms/mcp-gateway\",\"aud\":\"mcp-gateway\",\"exp\":1e309}",
            "{\"groups\":{\"a\":1}}", "{\"scope\":7}", "{\"token_use\":[\"access\"]}", "{\"iss\":\"mcp-auth-server\"}", "{\"iss\":\"mcp-auth-server\",\"aud\":7}",
            "{" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"c{i}\":{i}")) + "}", "{\"a\":1} x", "{\"a\":\"\\ud800\"}",
        };
        foreach (var (p, index) in payloads.Select((p, i) => (p, i)))
            cases.Add(($"payload-{index}", SignRaw("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", p)));

        // alg none with no signature; HS256 keyed with the RSA public key (algorithm confusion).
        cases.Add(("alg-none", B64("{\"alg\":\"none\"}") + "." + B64(payload) + "."));
        cases.Add(("hs256-rsa-public-key-pem", SignRaw("{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}", payload, hmacKey: Encoding.ASCII.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem()))));
        cases.Add(("hs256-rsa-public-key-der", SignRaw("{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}", payload, hmacKey: Rsa.ExportSubjectPublicKeyInfo())));

        // Nested JWTs: a JWT as the payload text, and as a JSON string.
        cases.Add(("nested-raw", SignRaw("{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"cty\":\"JWT\"}", valid)));
        cases.Add(("nested-string", SignRaw("{\"alg\":\"RS256\",\"kid\":\"rsa-1\",\"cty\":\"JWT\"}", Json(valid))));
        cases.Add(("nested-concatenated", valid + "." + valid));

        // Signature variants.
        cases.Add(("signature-empty", parts[0] + "." + parts[1] + "."));
        cases.Add(("signature-short", parts[0] + "." + parts[1] + "." + parts[2][..10]));
        cases.Add(("signature-long", parts[0] + "." + parts[1] + "." + parts[2] + parts[2]));
        cases.Add(("signature-padded", parts[0] + "." + parts[1] + "." + parts[2] + "=="));

        // Size: 1 MB without dots, and a 1 MB payload.
        cases.Add(("one-megabyte-opaque", new string('a', 1 << 20)));
        cases.Add(("one-megabyte-payload", SignRaw("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", "{\"x\":\"" + new string('x', 1 << 20) + "\"}")));
        cases.Add(("one-megabyte-dots", new string('.', 1 << 20)));

        // Bearer-looking and whitespace tokens.
        foreach (var t in new[] { " ", "  ", "\t", "Bearer", "Bearer x", "null", "undefined", "{}", "[]" }) cases.Add(($"odd-{t.Length}-{(int)t[0]}", t));

        return cases;
    }
}
