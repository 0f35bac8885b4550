using System.Text;
using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// A client request as the gateway's nginx and auth server see it. Header values are Secrets
/// (Authorization, X-Authorization and Cookie carry credentials); names are case-insensitive.
/// </summary>
public sealed class GatewayRequest
{
    private readonly Dictionary<string, Secret> headers;

    // rawUrlBytes: the client sends characters outside ASCII as raw UTF-8 bytes instead of percent-encoding them.
    public GatewayRequest(Uri? url, IEnumerable<KeyValuePair<string, Secret>>? headers = null, string? body = null, string method = "GET", bool rawUrlBytes = false)
    {
        Url = url;
        Body = body;
        Method = method;
        UrlSentRaw = rawUrlBytes && url is not null && url.OriginalString.Any(c => c >= 0x80);
        OriginalUrl = url is null ? null : OnTheWire(url.OriginalString, UrlSentRaw);
        this.headers = new Dictionary<string, Secret>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                this.headers[name] = value;
            }
        }
    }

    /// <summary>The URL the client called, as given.</summary>
    public Uri? Url { get; }

    /// <summary>
    /// X-Original-URL as nginx builds it (<c>$scheme://$host$request_uri</c>): the request target exactly as
    /// the client sent it, so dot segments and percent-encodings stay as they are, and characters outside
    /// ASCII arrive percent-encoded as UTF-8 (what HTTP clients send). When the client sends them as raw UTF-8
    /// bytes instead, nginx copies the bytes into the header and the auth server (Starlette) decodes header
    /// values as Latin-1, so each byte becomes one character: 'café' is seen as 'cafÃ©'.
    /// </summary>
    public string? OriginalUrl { get; }

    public string Method { get; }

    public string? Body { get; }

    public IReadOnlyDictionary<string, Secret> Headers => headers;

    /// <summary>urlparse(X-Original-URL).path: the raw path, not decoded, query and fragment excluded.</summary>
    public string Path => OriginalUrl is null ? "" : GatewayRequestReader.UrlPath(OriginalUrl);

    /// <summary>True when the URL as given holds characters a client must percent-encode (see <see cref="OriginalUrl"/>).</summary>
    public bool UrlWasEncoded => Url is not null && !UrlSentRaw && OriginalUrl != Url.OriginalString;

    /// <summary>True when characters outside ASCII went out as raw UTF-8 bytes, which the auth server reads as Latin-1.</summary>
    public bool UrlSentRaw { get; }

    /// <summary>The generic-proxy location's markers when the request is for a proxied entity (release 1.32); null otherwise.</summary>
    public GenericProxyTarget? GenericProxy { get; init; }

    public Secret? Header(string name) => headers.TryGetValue(name, out var value) ? value : null;

    // Only what cannot stand in a request line is encoded: existing %XX escapes and dot segments are the
    // client's own and reach nginx as written.
    private static string OnTheWire(string url, bool rawUtf8)
    {
        if (url.All(c => c > ' ' && c < 0x7F))
        {
            return url;
        }

        var builder = new StringBuilder(url.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(url))
        {
            if ((b > ' ' && b < 0x7F) || (rawUtf8 && b >= 0x80))
            {
                // A raw byte reaches the auth server as the Latin-1 character of the same value.
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
