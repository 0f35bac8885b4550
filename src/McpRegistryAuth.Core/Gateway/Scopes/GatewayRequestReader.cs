using System.Text;
using System.Text.Json;
using McpRegistryAuth.Core.Python;

namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>Derives server, method and tool from a request exactly as auth_server/server.py's /validate and its MCP proxy hop (<c>POST /mcp-proxy/&lt;path&gt;/</c>) do.</summary>
public static partial class GatewayRequestReader
{
    public const string BodyNotParsedDetail = "Request body could not be parsed for authorization";
    public const string BodyTooLargeDetailPrefix = "Request body too large to authorize";
    public const string HopBodyNotAuthorizedDetail = "Request body could not be authorized";

    private static readonly string[] TransportEndpoints = { "mcp", "sse", "messages" };

    /// <summary>
    /// The /validate view of a request. <paramref name="url"/> is X-Original-URL (absolute, or a path);
    /// only its path counts. <paramref name="body"/> is X-Body (null or empty: no body).
    /// </summary>
    public static ValidateRequestTarget ForValidate(string url, string? body = null, bool bodyUninspectable = false, string? registryRootPath = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var checks = new List<Check>();
        var warnings = new List<string>();
        var path = UrlPath(url).Trim('/');
        var rootPrefix = registryRootPath?.Trim('/');
        if (!string.IsNullOrEmpty(rootPrefix) && path.StartsWith(rootPrefix, StringComparison.Ordinal))
        {
            // A plain string prefix: REGISTRY_ROOT_PATH=/gw also strips the "gw" of "/gwtools/mcp".
            path = path[rootPrefix.Length..].TrimStart('/');
            checks.Add(new Check(ScopeCheckNames.FgacRootPath, true, $"removed REGISTRY_ROOT_PATH '{rootPrefix}'", null, "The prefix is removed as a plain string, without a segment boundary."));
        }

        var parts = path.Split('/');
        string? server = null;
        string? endpoint = null;
        var isAgent = GatewayPaths.IsAgent(UrlPath(url), (registryRootPath ?? "").TrimEnd('/'));
        if (parts.Length >= 2 && TransportEndpoints.Contains(parts[^1]))
        {
            server = string.Join('/', parts[..^1]);
            endpoint = parts[^1];
        }
        else if (parts[0] != "api")
        {
            server = path;
        }

        if (server is { Length: 0 })
        {
            // The gateway tests `if server_name`: an empty name (the path "/") means no FGAC.
            server = null;
        }

        if (isAgent)
        {
            warnings.Add("This is an A2A agent path (/agent/...): the gateway replaces FGAC with the agent invoke check, which Test-ScopeAccess does not evaluate (Test-RegistryToken does).");
            server = null;
        }

        checks.Add(new Check(ScopeCheckNames.FgacServerFromPath, server is not null, $"path '{path}' -> server {(server is null ? "(none)" : $"'{server}'")}{(endpoint is null ? "" : $", endpoint '{endpoint}'")}", null,
            server is null ? (isAgent ? "Agent paths skip FGAC." : "Registry API paths (/api/...) skip FGAC at /validate.") : path.StartsWith("v0.1/", StringComparison.Ordinal) || path == "v0.1" ? "/v0.1/... is not exempt: the server is 'v0.1/<rest>', which only a '*' rule or an exact rule matches." : null));

        JsonElement? payload = null;
        var hasBody = !string.IsNullOrEmpty(body);
        if (bodyUninspectable && server is not null)
        {
            checks.Add(new Check(ScopeCheckNames.FgacBody, false, "X-Body-Uninspectable: 1 (the body spilled to a temporary file)", "a JSON-RPC body nginx could capture", "The gateway answers 413, which the client sees as 500."));
            return new ValidateRequestTarget
            {
                Path = path, ServerName = server, Endpoint = endpoint, Method = endpoint ?? "initialize",
                RejectStatus = 413, RejectDetail = BodyTooLargeDetailPrefix + "; …",
                Checks = checks, Warnings = warnings,
            };
        }

        if (hasBody)
        {
            try
            {
                using var document = JsonDocument.Parse(body!, new JsonDocumentOptions { MaxDepth = 256 });
                payload = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                if (server is not null)
                {
                    checks.Add(new Check(ScopeCheckNames.FgacBody, false, "X-Body is not JSON", "a JSON-RPC body", "The gateway answers 400, which the client sees as 500."));
                    return new ValidateRequestTarget
                    {
                        Path = path, ServerName = server, Endpoint = endpoint, Method = endpoint ?? "initialize",
                        RejectStatus = 400, RejectDetail = BodyNotParsedDetail, Checks = checks, Warnings = warnings,
                    };
                }
            }
        }

        string? rpcMethod = null;
        JsonElement? methodValue = null;
        string? tool = null;
        JsonElement? toolValue = null;
        var isObject = payload is { ValueKind: JsonValueKind.Object };
        if (isObject)
        {
            var root = payload!.Value;
            var parameters = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
            if (FirstTruthy((root, "method"), (root, "tool"), (root, "name"), (parameters, "name"), (parameters, "tool"), (parameters, "method")) is { } found)
            {
                rpcMethod = PythonJsonValue.Str(found);
                methodValue = found.ValueKind == JsonValueKind.String ? null : found;
                if (methodValue is not null)
                {
                    warnings.Add($"The JSON-RPC method is a JSON {found.ValueKind}, not a string: the gateway takes it as it is ('{rpcMethod}'), so a rule grants it only through a wildcard or an equal non-string item, and a string-valued methods or tools raises (deny).");
                }
            }
        }
        else if (payload is { ValueKind: JsonValueKind.Array })
        {
            warnings.Add("The body is a JSON array (a batch): /validate takes the method from the path's endpoint, while the proxy hop refuses the batch with 403.");
        }

        var method = rpcMethod ?? endpoint ?? "initialize";
        // params.get("name") of any JSON type; null (None) means no tool.
        if (isObject && method == ScopeEvaluator.ToolsCall && payload!.Value.TryGetProperty("params", out var toolParams) && toolParams.ValueKind == JsonValueKind.Object
            && toolParams.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.Null)
        {
            tool = PythonJsonValue.Str(name);
            toolValue = name.ValueKind == JsonValueKind.String ? null : name.Clone();
        }

        checks.Add(new Check(ScopeCheckNames.FgacMethodFromRequest, true, $"method '{method}'{(tool is null ? "" : $", tool '{tool}'")}", null,
            rpcMethod is not null ? "From the JSON-RPC body." : endpoint is not null ? $"No JSON-RPC method in the body: the endpoint '{endpoint}' is the method, so '{endpoint}' must be allowed." : "No body and no transport segment: the method is 'initialize'."));
        return new ValidateRequestTarget
        {
            Path = path, ServerName = server, Endpoint = endpoint, Method = method, MethodValue = methodValue, ToolName = tool, ToolValue = toolValue,
            BodyIsObject = isObject, IsAgentPath = isAgent, Checks = checks, Warnings = warnings,
        };
    }

    /// <summary>The proxy hop's view of the same request, or null when the path is not an MCP server path (registry API, /v0.1, agents).</summary>
    public static ProxyHopTarget? ForProxyHop(string url, string? body = null, string httpMethod = "POST", string? registryRootPath = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = UrlPath(url).Trim('/');
        var rootPrefix = registryRootPath?.Trim('/');
        if (!string.IsNullOrEmpty(rootPrefix) && path.StartsWith(rootPrefix, StringComparison.Ordinal))
        {
            path = path[rootPrefix.Length..];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count == 0 || segments[0] is "api" or "v0.1" or "agent")
        {
            return null;
        }

        if (segments.Count >= 2 && TransportEndpoints.Contains(segments[^1]))
        {
            segments.RemoveAt(segments.Count - 1);
        }

        var server = string.Join('/', segments);
        if (!string.Equals(httpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return new ProxyHopTarget { ServerName = server, Method = "initialize", RejectStatus = 405, RejectDetail = "Method Not Allowed" };
        }

        if (string.IsNullOrEmpty(body))
        {
            return new ProxyHopTarget { ServerName = server, Method = "initialize" };
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(body), new JsonDocumentOptions { MaxDepth = 256 });
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new ProxyHopTarget { ServerName = server, Method = "initialize", RejectStatus = 403, RejectDetail = HopBodyNotAuthorizedDetail };
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return new ProxyHopTarget { ServerName = server, Method = "initialize", RejectStatus = 403, RejectDetail = HopBodyNotAuthorizedDetail };
        }

        var method = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String && PythonJsonValue.Text(m).Length > 0 ? PythonJsonValue.Text(m) : "initialize";
        string? tool = null;
        if (method == ScopeEvaluator.ToolsCall && root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
        {
            tool = PythonJsonValue.Text(n);
        }

        return new ProxyHopTarget { ServerName = server, Method = method, ToolName = tool };
    }

    /// <summary>
    /// The body as /validate reads it from X-Body: nginx's capture_body.lua replaces each run of CR and LF with one
    /// space and sends the bytes as a header, whose value Starlette decodes as Latin-1, so UTF-8 text outside
    /// ASCII arrives as other characters ("é" as "Ã©"). JSON escapes such as \u00e9 arrive intact.
    /// </summary>
    public static string XBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var oneLine = CrLfRuns().Replace(body, " ");
        return oneLine.All(c => c < 0x80) ? oneLine : Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(oneLine));
    }

    [System.Text.RegularExpressions.GeneratedRegex("[\r\n]+")]
    private static partial System.Text.RegularExpressions.Regex CrLfRuns();

    /// <summary><c>urlparse(url).path</c>: the raw path (no decoding, no dot-segment removal), without query or fragment.</summary>
    internal static string UrlPath(string url)
    {
        var rest = url;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && url[..scheme].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            rest = url[(scheme + 3)..];
            var slash = rest.IndexOfAny(new[] { '/', '?', '#' });
            rest = slash < 0 ? "" : rest[slash..];
        }

        var end = rest.IndexOfAny(new[] { '?', '#' });
        return end < 0 ? rest : rest[..end];
    }

    // Python's `a or b or ...`: the first truthy value, of whatever JSON type.
    private static JsonElement? FirstTruthy(params (JsonElement? Element, string Key)[] candidates)
    {
        foreach (var (element, key) in candidates)
        {
            if (element is { } e && e.TryGetProperty(key, out var value) && PythonJsonValue.IsTruthy(value))
            {
                return value.Clone();
            }
        }

        return null;
    }
}
