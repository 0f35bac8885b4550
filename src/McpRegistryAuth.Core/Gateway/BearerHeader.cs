using McpRegistryAuth.Core.Python;


namespace McpRegistryAuth.Core.Gateway;

/// <summary>The static stages' reading of a credential: <c>startswith("Bearer ")</c>, then the rest stripped.</summary>
public static class BearerHeader
{
    public static bool HasBearerPrefix(Secret? header) => header is not null && header.Reveal().StartsWith(GatewayCredential.BearerPrefix, StringComparison.Ordinal);

    /// <summary>Returns the stripped token and a Check reporting any white space the strip removed.</summary>
    public static (Secret Token, Check Check) StripToken(Secret header, string checkName)
    {
        var rest = header.Reveal()[GatewayCredential.BearerPrefix.Length..];
        var stripped = PythonText.Strip(rest);
        var removed = rest.Length - stripped.Length;
        var token = new Secret(stripped);
        var observed = removed == 0
            ? $"token {token.Fingerprint}, no outer white space"
            : $"token {token.Fingerprint}, {removed} outer white-space character(s) removed";
        return (token, new Check(checkName, true, observed, "the value after 'Bearer ', stripped"));
    }

    public static Check PrefixCheck(string checkName, Secret? header, string? headerName)
    {
        if (header is null)
        {
            return new Check(checkName, false, "no credential header", "'Bearer ' (capital B, exactly one space) then the token");
        }

        var value = header.Reveal();
        var observed = value.Length == 0 ? $"{headerName} is empty" : $"{headerName} starts with '{DescribeScheme(value)}'";
        var passed = HasBearerPrefix(header);
        var hint = !passed && (value.StartsWith("bearer", StringComparison.OrdinalIgnoreCase))
            ? "The gateway compares 'Bearer ' case-sensitively with exactly one space after it."
            : null;
        return new Check(checkName, passed, observed, "'Bearer ' (capital B, exactly one space) then the token", hint);
    }

    // Shows the scheme word and the separator, never the credential: anything that is not a short
    // alphabetic word followed by white space may be the token itself.
    private static string DescribeScheme(string value)
    {
        var end = 0;
        while (end < value.Length && end <= 12 && char.IsAsciiLetter(value[end]))
        {
            end++;
        }

        if (end == 0 || end > 12 || end >= value.Length || !char.IsWhiteSpace(value[end]))
        {
            return "<no scheme word>";
        }

        var separator = value[end] switch { ' ' => "<space>", '\t' => "<tab>", _ => "<white space>" };
        return value[..end] + separator;
    }
}
