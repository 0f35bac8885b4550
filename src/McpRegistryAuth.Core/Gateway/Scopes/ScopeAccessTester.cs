namespace McpRegistryAuth.Core.Gateway.Scopes;

/// <summary>
/// Test-ScopeAccess's core: the FGAC stage of /validate (and the proxy hop) for a caller's effective
/// scopes, either for a named server/method/tool or for a request URL and body.
/// </summary>
public sealed class ScopeAccessTester
{
    public ScopeAccessTester(ScopeDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        Definitions = definitions;
        Index = ScopeIndex.Build(definitions);
    }

    public ScopeDefinitions Definitions { get; }

    public ScopeIndex Index { get; }

    public static string DeniedDetail(string server, string method) => $"Access denied to {server}.{method}";

    public static string NoScopesDetail(string server, string method) => $"Access denied to {server}.{method} - user has no scopes configured";

    public const string HopNoScopesDetail = "Access denied: no scopes configured";

    /// <summary>FGAC for an explicit server, method and tool (what /validate would check after deriving them).</summary>
    public ScopeAccessResult Test(EffectiveScopes scopes, string server, string method, string? tool)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(server);
        var checks = new List<Check>(scopes.Checks);
        var warnings = new List<string>();
        if (server.Trim('/').Length == 0)
        {
            // /validate tests `if server_name`: a URL without a server segment is let through without FGAC.
            checks.Add(new Check(ScopeCheckNames.FgacServerFromPath, false, "no server name", "a server name", "A URL with no server segment (such as '/') gets no FGAC at /validate: it is let through."));
            return new ScopeAccessResult
            {
                Allowed = true, Status = 200, Server = server, Method = method, EffectiveScopes = scopes.Scopes, ScopesPath = Definitions.Source,
                Checks = checks, Warnings = ["No server name: /validate does not run FGAC for such a URL."],
            };
        }

        var result = Decide(scopes.Scopes, server, method, tool, checks);
        if (method != ScopeEvaluator.ToolsCall && !string.IsNullOrEmpty(tool))
        {
            warnings.Add($"A tool name only counts for tools/call; for '{method}' the gateway ignores '{tool}'.");
        }

        return result with { Checks = checks, Warnings = warnings, ScopesPath = Definitions.Source };
    }

    /// <summary>The client's HTTP method when none is named: POST when a body is sent, otherwise GET.</summary>
    public static string DefaultHttpMethod(string? body) => string.IsNullOrEmpty(body) ? "GET" : "POST";

    /// <summary>The client gets through only if /validate allows the request and the proxy hop, when there is one, does too.</summary>
    public static bool AllowsEndToEnd(ScopeAccessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Allowed && result.Hop?.Allowed != false;
    }

    /// <summary>
    /// FGAC for a request as nginx hands it to /validate, plus the proxy hop's second check. Only the MCP server
    /// blocks copy the body into X-Body; elsewhere /validate gets none and the body counts only for the hop.
    /// </summary>
    public ScopeAccessResult TestRequest(EffectiveScopes scopes, string url, string? body, string httpMethod = "POST", bool bodyUninspectable = false, string? registryRootPath = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(url);
        var checks = new List<Check>(scopes.Checks);
        var capturesBody = NginxLocation.For(GatewayRequestReader.UrlPath(url), (registryRootPath ?? "").TrimEnd('/')).CapturesBody;
        var xBody = capturesBody && body is not null ? GatewayRequestReader.XBody(body) : null;
        var target = GatewayRequestReader.ForValidate(url, xBody, capturesBody && bodyUninspectable, registryRootPath);
        checks.AddRange(target.Checks);
        var warnings = new List<string>(target.Warnings);
        if (xBody is not null && body!.Any(c => c >= 0x80))
        {
            warnings.Add("The body holds characters outside ASCII: /validate reads X-Body as Latin-1, so a name such as 'café' arrives as 'cafÃ©' and matches no rule, while the MCP proxy hop reads the body as UTF-8. Write such characters as JSON escapes (\\u00e9).");
        }

        if (!capturesBody && !string.IsNullOrEmpty(body))
        {
            warnings.Add("nginx copies the body into X-Body only for MCP server paths: /validate gets no body for this URL, so the method comes from the path.");
        }

        if (target.ServerName is null)
        {
            return new ScopeAccessResult
            {
                Allowed = true, Status = 200, Method = target.Method, EffectiveScopes = scopes.Scopes, ScopesPath = Definitions.Source,
                Checks = checks,
                Warnings = warnings.Append(target.IsAgentPath ? "FGAC is not evaluated for agent paths."
                    : target.Path.Length == 0 ? "No server name: /validate does not run FGAC for such a URL."
                    : "No FGAC at /validate for /api/ paths: the registry authorizes them from the caller's groups.").ToList(),
            };
        }

        ScopeAccessResult result;
        if (target.RejectStatus is { } reject)
        {
            result = new ScopeAccessResult
            {
                Allowed = false, Status = reject, Server = target.ServerName, Method = target.Method, EffectiveScopes = scopes.Scopes,
                Detail = target.RejectDetail, Checks = checks, Warnings = warnings, ScopesPath = Definitions.Source,
            };
            warnings.Add($"/validate answers {reject}; nginx shows the client 500.");
        }
        else
        {
            result = Decide(scopes.Scopes, target.ServerName, target.Method, target.ToolName, checks, target.MethodValue, target.ToolValue) with { Warnings = warnings, ScopesPath = Definitions.Source };
        }

        var hopTarget = GatewayRequestReader.ForProxyHop(url, body, httpMethod, registryRootPath);
        if (hopTarget is not null && result.Allowed)
        {
            var hop = Hop(scopes.Scopes, hopTarget, result);
            checks.Add(new Check(ScopeCheckNames.FgacProxyHop, hop.Allowed, hop.ToString(), null, hop.DiffersFromValidate ? "The proxy hop re-checks the exact body and decides differently from /validate." : null));
            result = result with { Hop = hop };
        }

        return result with { Checks = checks };
    }

    private ScopeAccessResult Decide(IReadOnlyList<string> scopes, string server, string method, string? tool, List<Check> checks, System.Text.Json.JsonElement? methodValue = null, System.Text.Json.JsonElement? toolValue = null)
    {
        var effectiveTool = method == ScopeEvaluator.ToolsCall ? tool : null;
        if (scopes.Count == 0)
        {
            checks.Add(new Check(ScopeCheckNames.FgacScopes, false, "no effective scope", "at least one scope", "/validate denies before FGAC."));
            return new ScopeAccessResult { Allowed = false, Status = 403, Server = server, Method = method, Tool = effectiveTool, EffectiveScopes = scopes, Detail = NoScopesDetail(server, method) };
        }

        var decision = ScopeEvaluator.Decide(Definitions, scopes, server, method, effectiveTool, methodValue: methodValue, toolValue: method == ScopeEvaluator.ToolsCall ? toolValue : null);
        checks.AddRange(decision.Checks);
        return new ScopeAccessResult
        {
            Allowed = decision.Allowed,
            Status = decision.Allowed ? 200 : 403,
            Server = server,
            Method = method,
            Tool = effectiveTool,
            EffectiveScopes = scopes,
            GrantedBy = decision.Grant,
            DeniedOnError = decision.Failure,
            Detail = decision.Allowed ? null : DeniedDetail(server, method),
        };
    }

    private ScopeAccessHop Hop(IReadOnlyList<string> scopes, ProxyHopTarget target, ScopeAccessResult validate)
    {
        bool differs(bool allowed) => !allowed || target.Method != validate.Method || target.ToolName != validate.Tool;
        if (target.RejectStatus is { } status)
        {
            return new ScopeAccessHop { Allowed = false, Status = status, Server = target.ServerName, Method = target.Method, Detail = target.RejectDetail, DiffersFromValidate = true };
        }

        if (scopes.Count == 0)
        {
            return new ScopeAccessHop { Allowed = false, Status = 403, Server = target.ServerName, Method = target.Method, Tool = target.ToolName, Detail = HopNoScopesDetail, DiffersFromValidate = true };
        }

        var decision = Index.Explain(Index.Decide(Index.Resolve(scopes), target.ServerName, target.Method, target.ToolName), target.Method, target.ToolName);
        return new ScopeAccessHop
        {
            Allowed = decision.Allowed,
            Status = decision.Allowed ? 200 : 403,
            Server = target.ServerName,
            Method = target.Method,
            Tool = target.ToolName,
            GrantedBy = decision.Grant,
            Detail = decision.Allowed ? null : DeniedDetail(target.ServerName, target.Method),
            DiffersFromValidate = differs(decision.Allowed),
        };
    }
}
