using System.Text;

namespace McpRegistryAuth.Core.Http;

/// <summary>
/// Parses a <c>WWW-Authenticate</c> value into challenges. Tolerant: syntax problems are recorded on
/// the challenge, never thrown.
/// </summary>
public static class WwwAuthenticateParser
{
    public static IReadOnlyList<AuthenticationChallenge> Parse(string? header)
    {
        var challenges = new List<AuthenticationChallenge>();
        if (string.IsNullOrWhiteSpace(header)) return challenges;
        var i = 0;
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        string? token68 = null;

        void Flush()
        {
            if (scheme is not null)
            {
                challenges.Add(new AuthenticationChallenge { Scheme = scheme, Parameters = parameters, Problems = problems, Token68 = token68 });
            }

            parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            problems = [];
            token68 = null;
        }

        while (i < header.Length)
        {
            SkipSpacesAndCommas(header, ref i);
            if (i >= header.Length) break;
            var word = ReadToken(header, ref i);
            if (word.Length == 0)
            {
                problems.Add($"Unexpected character '{header[i]}' at position {i}.");
                i++;
                continue;
            }

            var afterWord = i;
            SkipSpaces(header, ref i);
            if (i < header.Length && header[i] == '=' && scheme is not null && !IsToken68Tail(header, i))
            {
                i++;
                SkipSpaces(header, ref i);
                var value = i < header.Length && header[i] == '"' ? ReadQuoted(header, ref i, problems) : ReadToken(header, ref i);
                var name = word.ToLowerInvariant();
                if (!parameters.TryAdd(name, value)) problems.Add($"The parameter {name} appears more than once (RFC 6750 allows each at most once).");
                continue;
            }

            // A new scheme starts a new challenge.
            Flush();
            scheme = word;
            i = afterWord;
            SkipSpaces(header, ref i);
            var start = i;
            var candidate = ReadToken68(header, ref i);
            SkipSpaces(header, ref i);
            if (candidate.Length > 0 && (i >= header.Length || header[i] == ','))
            {
                token68 = candidate;
            }
            else
            {
                i = start;
            }
        }

        Flush();
        return challenges;
    }

    // "abc==" after a scheme is a token68, not a parameter named abc.
    private static bool IsToken68Tail(string s, int equalsAt)
    {
        var j = equalsAt;
        while (j < s.Length && s[j] == '=') j++;
        while (j < s.Length && s[j] == ' ') j++;
        return j >= s.Length || s[j] == ',';
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
    }

    private static void SkipSpacesAndCommas(string s, ref int i)
    {
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) i++;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static string ReadToken(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && IsTokenChar(s[i])) i++;
        return s[start..i];
    }

    private static string ReadToken68(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || "-._~+/".Contains(s[i], StringComparison.Ordinal))) i++;
        while (i < s.Length && s[i] == '=') i++;
        return s[start..i];
    }

    private static string ReadQuoted(string s, ref int i, List<string> problems)
    {
        var b = new StringBuilder();
        i++;
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == '"') return b.ToString();
            if (c == '\\' && i < s.Length)
            {
                b.Append(s[i++]);
                continue;
            }

            b.Append(c);
        }

        problems.Add("A quoted value is not terminated.");
        return b.ToString();
    }
}
