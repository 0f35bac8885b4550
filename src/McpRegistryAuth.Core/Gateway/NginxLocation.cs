namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// Which nginx location serves a path (docker/nginx_rev_proxy_http_only.conf), which decides whether
/// /validate runs at all (an <c>auth_request</c> location or not) and what a client sees when it refuses (the
/// location's <c>error_page</c>, or nginx's own HTML 401 page).
/// </summary>
public enum NginxLocationKind
{
    /// <summary>No auth_request: /api/auth (prefix), /api/health, /api/version, /api/public/, or the catch-all.</summary>
    Public,

    /// <summary>= /api/auth/me, /v0.1/, /v0.1/agents/ and MCP server blocks: 401 page @auth_error.</summary>
    AuthErrorPage,

    /// <summary>^~ /api/ard/: 401 page @ard_auth_error.</summary>
    ArdAuthErrorPage,

    /// <summary>The generic /api/ block: no error_page 401, so nginx's default HTML page.</summary>
    DefaultErrorPage,
}

public sealed record NginxLocation(NginxLocationKind Kind, string Description)
{
    public const string AuthErrorBody = "{\"error\": \"Authentication required\"}";
    public const string ForbiddenBody = "{\"error\": \"Access forbidden\"}";

    /// <summary>nginx's built-in 401 page (CRLF line ends; the server line shows the version when server_tokens is on).</summary>
    public const string DefaultUnauthorizedHtml =
        "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public bool CallsValidate => Kind != NginxLocationKind.Public;

    /// <summary>
    /// True for a generated MCP server block, whose Lua (capture_body.lua) hands the body to /validate as X-Body;
    /// the registry locations pass none, so /validate derives the method from the path alone there.
    /// </summary>
    public bool CapturesBody { get; init; }

    /// <summary>The location nginx serves a request from; <paramref name="rawPath"/> is the path as the client sent it.</summary>
    public static NginxLocation For(string rawPath, string rootPath)
    {
        var path = NormalizedUri(rawPath);
        bool Prefix(string p) => path.StartsWith(rootPath + p, StringComparison.Ordinal);

        if (path == rootPath + "/api/auth/me")
        {
            return new NginxLocation(NginxLocationKind.AuthErrorPage, $"= {rootPath}/api/auth/me");
        }

        if (Prefix("/api/auth") || Prefix("/api/health") || Prefix("/api/version") || Prefix("/api/public/"))
        {
            return new NginxLocation(NginxLocationKind.Public, "a public registry location (no auth_request)");
        }

        if (Prefix("/api/ard/"))
        {
            return new NginxLocation(NginxLocationKind.ArdAuthErrorPage, $"^~ {rootPath}/api/ard/");
        }

        if (Prefix("/api/"))
        {
            return new NginxLocation(NginxLocationKind.DefaultErrorPage, $"{rootPath}/api/");
        }

        if (Prefix("/v0.1/"))
        {
            return new NginxLocation(NginxLocationKind.AuthErrorPage, $"{rootPath}/v0.1/");
        }

        var trimmed = path.Length > rootPath.Length && path.StartsWith(rootPath, StringComparison.Ordinal) ? path[rootPath.Length..].Trim('/') : path.Trim('/');
        if (trimmed.Length == 0 || trimmed == "api" || !path.StartsWith(rootPath, StringComparison.Ordinal))
        {
            return new NginxLocation(NginxLocationKind.Public, "the catch-all location / (no auth_request)");
        }

        return new NginxLocation(NginxLocationKind.AuthErrorPage, $"an MCP server block {rootPath}/{trimmed.Split('/')[0]}/") { CapturesBody = true };
    }

    /// <summary>
    /// nginx's <c>$uri</c>, which its locations match: percent-decoded, runs of '/' merged, '.' and '..'
    /// segments resolved. The auth server instead sees the raw <c>$request_uri</c>, so the two can disagree
    /// (<c>/api/../x</c> is served by the location for <c>/x</c>). Decoded bytes are read as Latin-1, since
    /// nginx compares bytes and its location prefixes are ASCII.
    /// </summary>
    public static string NormalizedUri(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return rawPath;
        }

        var bytes = new List<byte>(rawPath.Length);
        for (var i = 0; i < rawPath.Length; i++)
        {
            if (rawPath[i] == '%' && i + 2 < rawPath.Length && Uri.IsHexDigit(rawPath[i + 1]) && Uri.IsHexDigit(rawPath[i + 2]))
            {
                bytes.Add(Convert.ToByte(rawPath.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(rawPath[i].ToString()));
            }
        }

        var parts = System.Text.Encoding.Latin1.GetString(bytes.ToArray()).Split('/');
        var kept = new List<string>();
        foreach (var part in parts.Skip(1))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (kept.Count > 0)
                {
                    kept.RemoveAt(kept.Count - 1);
                }

                continue;
            }

            kept.Add(part);
        }

        var trailingSlash = parts.Length > 1 && parts[^1] is "" or "." or "..";
        return "/" + string.Join('/', kept) + (trailingSlash && kept.Count > 0 ? "/" : "");
    }

    /// <summary>
    /// What the client receives for a /validate status (nginx auth_request accepts only 2xx, 401 and 403);
    /// nothing from a location that does not call /validate, whose answer does not depend on the token.
    /// </summary>
    public (int? Status, string? Body) ClientResponse(int? validateStatus) => validateStatus switch
    {
        _ when !CallsValidate => (null, null),
        null => (null, null),
        >= 200 and < 300 => (null, null),
        401 => Kind switch
        {
            NginxLocationKind.DefaultErrorPage => (401, DefaultUnauthorizedHtml),
            NginxLocationKind.ArdAuthErrorPage => (401, null),
            _ => (401, AuthErrorBody),
        },
        403 => (403, ForbiddenBody),
        _ => (500, null),
    };
}
