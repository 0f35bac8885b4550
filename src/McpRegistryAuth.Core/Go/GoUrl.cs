using System.Text;

namespace McpRegistryAuth.Core.Go;

/// <summary>
/// The parts of Go's <c>net/url.Parse</c> the ToolHive issuer check depends on: scheme (lower-cased),
/// host, and the error texts for the common ways a URL fails to parse.
/// </summary>
public sealed record GoUrl(string Scheme, string Host, string Path, string? Opaque)
{
    /// <summary>Go's <c>u.IsAbs()</c>: a scheme is present.</summary>
    public bool IsAbsolute => Scheme.Length > 0;

    /// <summary>Go's <c>u.Hostname()</c>: the host without port and without IPv6 brackets.</summary>
    public string Hostname
    {
        get
        {
            if (Host.StartsWith('['))
            {
                var close = Host.IndexOf(']', StringComparison.Ordinal);
                return close < 0 ? Host[1..] : Host[1..close];
            }

            var colon = Host.LastIndexOf(':');
            return colon < 0 ? Host : Host[..colon];
        }
    }

    /// <summary>Parses like Go; on failure <paramref name="error"/> is Go's full text, e.g. <c>parse "x": invalid character " " in host name</c>.</summary>
    public static GoUrl? Parse(string raw, out string? error)
    {
        var reason = ParseCore(raw, out var url);
        error = reason is null ? null : $"parse {GoFmt.Quote(raw)}: {reason}";
        return reason is null ? url : null;
    }

    private static string? ParseCore(string raw, out GoUrl? url)
    {
        url = null;
        var hash = raw.IndexOf('#');
        var rest = hash < 0 ? raw : raw[..hash];
        var fragment = hash < 0 ? "" : raw[(hash + 1)..];
        if (rest.Any(c => c < 0x20 || c == 0x7f))
        {
            return "net/url: invalid control character in URL";
        }

        var scheme = "";
        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (char.IsAsciiLetter(c)) continue;
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0) break;
                continue;
            }

            if (c == ':')
            {
                if (i == 0) return "missing protocol scheme";
                scheme = rest[..i].ToLowerInvariant();
                rest = rest[(i + 1)..];
            }

            break;
        }

        var question = rest.IndexOf('?');
        if (question >= 0) rest = rest[..question];

        if (!rest.StartsWith('/'))
        {
            if (scheme.Length > 0)
            {
                url = new GoUrl(scheme, "", "", rest);
                return null;
            }

            var colon = rest.IndexOf(':');
            var slash = rest.IndexOf('/');
            if (colon >= 0 && (slash < 0 || colon < slash))
            {
                return "first path segment in URL cannot contain colon";
            }
        }

        var host = "";
        if ((scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/');
            rest = slash < 0 ? "" : authority[slash..];
            authority = slash < 0 ? authority : authority[..slash];
            var at = authority.LastIndexOf('@');
            var hostPart = at < 0 ? authority : authority[(at + 1)..];
            var hostError = CheckHost(hostPart);
            if (hostError is not null) return hostError;
            host = hostPart;
        }

        var escapeError = CheckEscapes(rest) ?? CheckEscapes(fragment);
        if (escapeError is not null) return escapeError;
        url = new GoUrl(scheme, host, rest, null);
        return null;
    }

    private static string? CheckHost(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0) return "missing ']' in host";
            var bracketPort = host[(close + 1)..];
            return ValidOptionalPort(bracketPort) ? null : $"invalid port {GoFmt.Quote(bracketPort)} after host";
        }

        var colon = host.LastIndexOf(':');
        if (colon >= 0 && !ValidOptionalPort(host[colon..]))
        {
            return $"invalid port {GoFmt.Quote(host[colon..])} after host";
        }

        for (var i = 0; i < host.Length; i++)
        {
            var c = host[i];
            if (c == '%')
            {
                if (i + 2 >= host.Length || !Uri.IsHexDigit(host[i + 1]) || !Uri.IsHexDigit(host[i + 2]))
                {
                    return $"invalid URL escape {GoFmt.Quote(host.Substring(i, Math.Min(3, host.Length - i)))}";
                }

                continue;
            }

            if (c < 0x80 && !IsHostChar(c))
            {
                return $"invalid character {GoFmt.Quote(c.ToString())} in host name";
            }
        }

        return null;
    }

    // Go's shouldEscape(c, encodeHost) is false for these; any other ASCII byte is refused in a host.
    private static bool IsHostChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '[' or ']' or '<' or '>' or '"';

    private static bool ValidOptionalPort(string port)
    {
        if (port.Length == 0) return true;
        if (port[0] != ':') return false;
        return port.Skip(1).All(char.IsAsciiDigit);
    }

    private static string? CheckEscapes(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%') continue;
            if (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2]))
            {
                return $"invalid URL escape {GoFmt.Quote(s.Substring(i, Math.Min(3, s.Length - i)))}";
            }
        }

        return null;
    }
}
