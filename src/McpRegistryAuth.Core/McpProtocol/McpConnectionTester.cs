using System.Diagnostics;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.RegistryApi.Diagnosis;
using McpRegistryAuth.Core.Reporting;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// Test-McpConnection's core: DNS, TCP and TLS probes, then an MCP session over the chosen transport
/// (HTTP answer, auth, initialize), then ping and the lists, then the tool calls asked for, each step
/// timed; a failure is classified (McpFailureClass) and a 401/403 diagnosed by the shared service.
/// </summary>
public static class McpConnectionTester
{
    public static async Task<McpConnectionResult> TestAsync(McpConnectionTest test, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(log);
        var options = test.Connection;
        var steps = new List<McpConnectionStep>();
        var checks = new List<Check>();
        var findings = new List<Finding>();
        var result = new McpConnectionResult { Uri = options.Uri, Transport = options.Transport.ToString() };
        McpConnectionResult Done(McpFailure? failure) => result with
        {
            Steps = steps, Checks = checks, Findings = findings, FailureClass = failure?.Class, FailedStep = failure?.Step, Message = failure?.Message, Fix = failure?.Fix,
            ErrorId = failure?.ErrorId, ErrorCategory = failure?.Category,
        };

        if (McpUsage.Check(options) is { } usage) return Done(usage);
        if (test.Probe)
        {
            var (probeSteps, probeFailure) = await McpNetworkProbe.ProbeAsync(options.Uri, options.Trust, options.Timeout, cancellationToken).ConfigureAwait(false);
            steps.AddRange(probeSteps);
            foreach (var step in probeSteps) log.Verbose(step.ToString());
            if (probeFailure is not null) return Done(probeFailure);
        }

        var recorder = new McpWireRecorder(options.Token, options.HeaderName, options.Headers) { OnExchange = e => log.Verbose(e.ToString()) };
        var clock = Stopwatch.StartNew();
        McpSession session;
        try
        {
            session = await McpSession.OpenAsync(options, recorder, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsExchangeFailure(ex))
        {
            var failure = McpFailureClassifier.Classify(ex, recorder.Exchanges, McpStepNames.Initialize, options.Timeout);
            AddHandshakeSteps(steps, recorder.Exchanges, clock.Elapsed.TotalMilliseconds, failure, null);
            return Done(await DiagnoseAsync(failure, test, checks, findings, log, cancellationToken).ConfigureAwait(false));
        }

        await using (session.ConfigureAwait(false))
        {
            AddHandshakeSteps(steps, recorder.Exchanges, clock.Elapsed.TotalMilliseconds, null, session);
            result = result with
            {
                ServerName = session.ServerName, ServerVersion = session.ServerVersion, ProtocolVersion = session.ProtocolVersion,
                HasSession = session.HasSession, Capabilities = session.Capabilities,
            };

            clock.Restart();
            IReadOnlyList<McpListedTool> tools;
            try
            {
                using var timeout = Timeout(options, cancellationToken);
                await session.PingAsync(timeout.Token).ConfigureAwait(false);
                var (listed, pages) = await session.ListToolsAsync(timeout.Token).ConfigureAwait(false);
                tools = listed;
                result = result with { ToolCount = listed.Count, ToolPages = pages };
                result = await ListOthersAsync(session, result, findings, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsExchangeFailure(ex))
            {
                var failure = McpFailureClassifier.Classify(ex, recorder.Exchanges, McpStepNames.List, options.Timeout);
                steps.Add(new McpConnectionStep(McpStepNames.List, false, clock.Elapsed.TotalMilliseconds, failure.Message));
                return Done(await DiagnoseAsync(failure, test, checks, findings, log, cancellationToken).ConfigureAwait(false));
            }

            steps.Add(new McpConnectionStep(McpStepNames.List, true, clock.Elapsed.TotalMilliseconds,
                $"ping, {tools.Count} tool(s) in {result.ToolPages} page(s), {Count(result.ResourceCount)} resource(s), {Count(result.PromptCount)} prompt(s)"));
            if (tools.Count == 0) findings.Add(NoToolsFinding(options.Uri));

            var access = Predict(test, tools);
            McpFailure? toolFailure = null;
            if (test.CallTools.Count > 0)
            {
                clock.Restart();
                (access, toolFailure) = await CallAsync(session, test, access, findings, cancellationToken).ConfigureAwait(false);
                steps.Add(new McpConnectionStep(McpStepNames.Call, toolFailure is null, clock.Elapsed.TotalMilliseconds,
                    string.Join(", ", access.Where(a => a.ObservedStatus is not null).Select(a => $"{a.Name} {(a.ToolError ? "tool error" : a.ObservedStatus.ToString())}"))));
            }

            foreach (var disagreement in access.Where(a => a.Disagrees))
            {
                findings.Add(new Finding
                {
                    Severity = FindingSeverity.Warning, Code = McpFindingCodes.PredictionDisagrees, Path = options.Uri.AbsoluteUri,
                    Message = $"Tool '{disagreement.Name}': the scope definitions predict {(disagreement.Predicted == true ? "allowed" : "denied")} ({disagreement.PredictedDetail}), the gateway answered {disagreement.ObservedStatus} ({disagreement.ObservedDetail}).",
                    Fix = "The gateway does not use these scope definitions for this caller: compare its scopes.yml or mcp_scopes documents, the server name in the URL, and the caller's groups.",
                });
            }

            result = result with { Tools = access };
            return Done(toolFailure);
        }
    }

    private static bool IsExchangeFailure(Exception ex) => ex is not (ArgumentException or NullReferenceException or InvalidCastException);

    private static CancellationTokenSource Timeout(McpConnectionOptions options, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(options.Timeout);
        return source;
    }

    private static string Count(int? count) => count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no";

    // The HTTP step is the first answer; Auth passes unless it was a 401/403; Initialize is the whole handshake.
    private static void AddHandshakeSteps(List<McpConnectionStep> steps, IReadOnlyList<McpExchange> exchanges, double handshakeMs, McpFailure? failure, McpSession? session)
    {
        var first = exchanges.FirstOrDefault(e => e.Status is not null && e.RpcMethod != "server/discover") ?? exchanges.FirstOrDefault(e => e.Status is not null);
        if (first is null)
        {
            steps.Add(new McpConnectionStep(McpStepNames.Http, false, handshakeMs, failure?.Message ?? "no answer"));
            return;
        }

        steps.Add(new McpConnectionStep(McpStepNames.Http, true, first.Milliseconds, first.ToString()));
        if (failure?.Class == McpFailureClass.Auth)
        {
            steps.Add(new McpConnectionStep(McpStepNames.Auth, false, 0, $"{failure.Refusal?.Status} to {failure.Refusal?.RpcMethod ?? failure.Refusal?.Method}"));
            return;
        }

        steps.Add(new McpConnectionStep(McpStepNames.Auth, true, 0, "no 401 or 403"));
        steps.Add(failure is not null
            ? new McpConnectionStep(McpStepNames.Initialize, false, handshakeMs, failure.Message)
            : new McpConnectionStep(McpStepNames.Initialize, true, handshakeMs,
                $"protocol {session?.ProtocolVersion}, server {session?.ServerName} {session?.ServerVersion}, {(session?.HasSession == true ? "Mcp-Session-Id given" : "no session (stateless)")}"));
    }

    private static async Task<McpConnectionResult> ListOthersAsync(McpSession session, McpConnectionResult result, List<Finding> findings, CancellationToken cancellationToken)
    {
        if (session.HasResources) result = result with { ResourceCount = await TryCountAsync(() => session.CountResourcesAsync(cancellationToken), "resources/list", result.Uri, findings).ConfigureAwait(false) };
        if (session.HasPrompts) result = result with { PromptCount = await TryCountAsync(() => session.CountPromptsAsync(cancellationToken), "prompts/list", result.Uri, findings).ConfigureAwait(false) };
        return result;
    }

    // A list the server announced but refuses is noted, not a failure: tools are what the test is about.
    private static async Task<int?> TryCountAsync(Func<Task<int>> count, string method, Uri uri, List<Finding> findings)
    {
        try
        {
            return await count().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ModelContextProtocol.McpException or HttpRequestException)
        {
            findings.Add(new Finding
            {
                Severity = FindingSeverity.Warning, Code = McpFindingCodes.ListFailed, Path = uri.AbsoluteUri,
                Message = $"{method} failed though the server announced the capability: {ex.Message}",
                Fix = $"Behind the gateway, grant '{method}' in the methods of the caller's scope for this server.",
            });
            return null;
        }
    }

    private static Finding NoToolsFinding(Uri uri)
    {
        var server = GatewayServerName(uri);
        return new Finding
        {
            Severity = FindingSeverity.Warning, Code = McpFindingCodes.NoTools, Path = uri.AbsoluteUri,
            Message = $"tools/list returned 0 tools. Behind the MCP Gateway Registry this usually means no scope of the caller has a server_access entry whose server is '{server}' (the registered name, without /mcp): the gateway filters out every tool and logs 'has no server_access entry' at ERROR.",
            Fix = $"Check the scope's server key against the server's path (Test-ScopeAccess -ScopesPath <scopes.yml> -Server {server} -Method tools/call -Tool <name>), or the server really offers no tools.",
        };
    }

    /// <summary>The server name the gateway derives from an MCP URL: the path without a trailing mcp/sse/messages segment.</summary>
    public static string GatewayServerName(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var parts = uri.AbsolutePath.Trim('/').Split('/');
        return parts.Length >= 2 && parts[^1] is "mcp" or "sse" or "messages" ? string.Join("/", parts[..^1]) : string.Join("/", parts);
    }

    private static List<McpToolAccess> Predict(McpConnectionTest test, IReadOnlyList<McpListedTool> tools)
    {
        var predictor = test.Scopes is { } scopes && test.Caller is { } caller ? new McpToolAccessPredictor(scopes, caller) : null;
        var names = tools.Select(t => t.Name).Concat(test.CallTools.Where(c => tools.All(t => t.Name != c))).ToList();
        return names.Select(name =>
        {
            var access = new McpToolAccess { Name = name, Description = tools.FirstOrDefault(t => t.Name == name)?.Description };
            if (predictor is null) return access;
            var (allowed, detail) = predictor.Predict(test.Connection.Uri, name);
            return access with { Predicted = allowed, PredictedDetail = detail };
        }).ToList();
    }

    private static async Task<(List<McpToolAccess>, McpFailure?)> CallAsync(McpSession session, McpConnectionTest test, List<McpToolAccess> access, List<Finding> findings, CancellationToken cancellationToken)
    {
        McpFailure? failure = null;
        var uri = test.Connection.Uri;
        for (var i = 0; i < access.Count; i++)
        {
            var tool = access[i];
            if (!test.CallTools.Contains(tool.Name, StringComparer.Ordinal)) continue;
            // Plain values (hashtables, lists, scalars) become JSON here, with the core's serializer.
            var arguments = test.ToolArguments.TryGetValue(tool.Name, out var given) ? given.ToDictionary(a => a.Key, a => (object?)Payloads.JsonValues.ToElement(a.Value), StringComparer.Ordinal) : new Dictionary<string, object?>();
            var before = session.Recorder.Exchanges.Count;
            try
            {
                using var timeout = Timeout(test.Connection, cancellationToken);
                var (isError, text) = await session.CallToolAsync(tool.Name, arguments, timeout.Token).ConfigureAwait(false);
                access[i] = tool with { Observed = true, ObservedStatus = 200, ToolError = isError, ObservedDetail = Shorten(text) };
                if (isError)
                {
                    findings.Add(ToolFinding(uri, tool.Name, $"the tool answered with isError: {Shorten(text)}"));
                    failure ??= new McpFailure(McpFailureClass.ToolError, McpStepNames.Call, $"Tool '{tool.Name}' answered with an error: {Shorten(text)}", "Check the arguments (-ToolArguments) against the tool's input schema.", FailureCategory.InvalidResult);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsExchangeFailure(ex))
            {
                var exchanges = session.Recorder.Exchanges.Skip(before).ToList();
                var classified = McpFailureClassifier.Classify(ex, exchanges, McpStepNames.Call, test.Connection.Timeout);
                var status = exchanges.LastOrDefault(e => e.Status is not null)?.Status;
                access[i] = tool with { Observed = false, ObservedStatus = status, ObservedDetail = Shorten(classified.Message) };
                if (classified.Class == McpFailureClass.Auth) continue; // a refusal is what the table shows, not a failed test
                var toolError = classified with { Class = McpFailureClass.ToolError, Category = FailureCategory.InvalidResult };
                findings.Add(ToolFinding(uri, tool.Name, classified.Message));
                failure ??= ex is ModelContextProtocol.McpProtocolException ? toolError : classified;
            }
        }

        return (access, failure);
    }

    private static Finding ToolFinding(Uri uri, string tool, string message) => new()
    {
        Severity = FindingSeverity.Warning, Code = McpFindingCodes.ToolFailed, Path = uri.AbsoluteUri, Message = $"Tool '{tool}': {message}",
        Fix = "Check the tool's name (tools/list) and its arguments (-ToolArguments).",
    };

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "..." : text;

    private static async Task<McpFailure> DiagnoseAsync(McpFailure failure, McpConnectionTest test, List<Check> checks, List<Finding> findings, OperationLog log, CancellationToken cancellationToken)
    {
        if (failure.Refusal is not { Status: { } status } refusal) return failure;
        var response = new RegistryApiResponse
        {
            Status = status, Method = refusal.Method, Uri = refusal.Uri, Headers = refusal.Headers, Body = refusal.Body, TokenSent = true,
        };
        var diagnosis = await new AuthFailureDiagnoser(RegistryApiClient.Shared).DiagnoseAsync(new AuthFailureContext
        {
            Response = response, Token = test.Connection.Token, HeaderName = test.Connection.HeaderName, RegistryType = RegistryType.Gateway,
            RequestBody = refusal.RequestBody, Scopes = test.Scopes,
        }, cancellationToken).ConfigureAwait(false);
        checks.AddRange(diagnosis.Checks);
        findings.AddRange(diagnosis.Findings);
        foreach (var check in diagnosis.Checks) log.Verbose(check.ToString());
        return failure with { Message = $"{failure.Message} {diagnosis.Code}: {Capitalize(diagnosis.Cause)}", Fix = diagnosis.Fix };
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
