namespace McpRegistryAuth.Core.Gateway;

/// <summary>
/// A client request as the gateway's nginx and auth server see it. Header values are Secrets
/// (Authorization, X-Authorization and Cookie carry credentials); names are case-insensitive.
/// </summary>
public sealed class GatewayRequest
{
    private readonly Dictionary<string, Secret> headers;

    public GatewayRequest(Uri? url, IEnumerable<KeyValuePair<string, Secret>>? headers = null, string? body = null, string method = "GET")
    {
        Url = url;
        Body = body;
        Method = method;
        this.headers = new Dictionary<string, Secret>(StringComparer.OrdinalIgnoreCase);
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                this.headers[name] = value;
            }
        }
    }

    /// <summary>The URL the client called; nginx passes it as X-Original-URL.</summary>
    public Uri? Url { get; }

    public string Method { get; }

    public string? Body { get; }

    public IReadOnlyDictionary<string, Secret> Headers => headers;

    /// <summary>urlparse(X-Original-URL).path: the raw path, not decoded, query and fragment excluded.</summary>
    public string Path => Url is null ? "" : Url.IsAbsoluteUri ? Url.AbsolutePath : Url.OriginalString.Split('?', '#')[0];

    public Secret? Header(string name) => headers.TryGetValue(name, out var value) ? value : null;
}
