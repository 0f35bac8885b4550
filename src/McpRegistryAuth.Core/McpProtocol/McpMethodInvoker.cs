using System.Text.Json;
using McpRegistryAuth.Core.Payloads;
using McpRegistryAuth.Core.OAuth;
using McpRegistryAuth.Core.RegistryApi;
using McpRegistryAuth.Core.RegistryApi.Diagnosis;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// Invoke-McpMethod's core: opens a session (initialize), sends one JSON-RPC method with its params, and
/// closes the session. A list method with <c>all</c> follows nextCursor and yields each item of every page;
/// a notification yields nothing; initialize yields what the server answered to it. A failure is a
/// CommandFailureException of its class (a 401/403 diagnosed by the shared service).
/// </summary>
public static class McpMethodInvoker
{
    /// <summary>The list methods and the member holding their items.</summary>
    public static readonly IReadOnlyDictionary<string, string> ListMembers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["tools/list"] = "tools", ["resources/list"] = "resources", ["resources/templates/list"] = "resourceTemplates", ["prompts/list"] = "prompts",
    };

    /// <summary>The methods a client sends, for completion (any other name is sent as given).</summary>
    public static readonly IReadOnlyList<string> KnownMethods =
    [
        "initialize", "ping", "tools/list", "tools/call", "resources/list", "resources/templates/list", "resources/read", "resources/subscribe",
        "resources/unsubscribe", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel", "notifications/initialized",
        "notifications/roots/list_changed", "notifications/cancelled",
    ];

    public static async Task<IReadOnlyList<JsonPayload>> InvokeAsync(McpConnectionOptions options, string method, string? paramsJson, bool all, Gateway.Scopes.ScopeDefinitions? scopes, OperationLog log, CancellationToken cancellationToken) =>
        (await InvokeElementsAsync(options, method, paramsJson, all, scopes, log, cancellationToken).ConfigureAwait(false)).Select(result => new JsonPayload(result)).ToList();

    private static async Task<IReadOnlyList<JsonElement>> InvokeElementsAsync(McpConnectionOptions options, string method, string? paramsJson, bool all, Gateway.Scopes.ScopeDefinitions? scopes, OperationLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (McpUsage.Check(options) is { } usage) throw usage.ToException(options.Uri);
        var recorder = new McpWireRecorder(options.Token, options.HeaderName, options.Headers) { OnExchange = e => log.Verbose(e.ToString()) };
        McpSession? session = null;
        try
        {
            session = await McpSession.OpenAsync(options, recorder, cancellationToken).ConfigureAwait(false);
            log.Verbose($"initialize: protocol {session.ProtocolVersion}, server {session.ServerName} {session.ServerVersion}");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            if (method == "initialize")
            {
                return [JsonSerializer.SerializeToElement(new Dictionary<string, object?>
                {
                    ["protocolVersion"] = session.ProtocolVersion, ["serverInfo"] = new Dictionary<string, string?> { ["name"] = session.ServerName, ["version"] = session.ServerVersion },
                    ["capabilities"] = session.Capabilities, ["hasSession"] = session.HasSession,
                })];
            }

            if (method.StartsWith("notifications/", StringComparison.Ordinal))
            {
                await session.SendNotificationAsync(method, paramsJson, timeout.Token).ConfigureAwait(false);
                return [];
            }

            if (!all || !ListMembers.TryGetValue(method, out var member))
            {
                return [await session.SendRequestAsync(method, paramsJson, timeout.Token).ConfigureAwait(false)];
            }

            return await AllItemsAsync(session, method, member, paramsJson, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not Reporting.CommandFailureException)
        {
            var failure = McpFailureClassifier.Classify(ex, recorder.Exchanges, session is null ? McpStepNames.Initialize : McpStepNames.Call, options.Timeout);
            if (failure.Refusal is { Status: { } status } refusal)
            {
                var diagnosis = await new AuthFailureDiagnoser(RegistryApiClient.Shared).DiagnoseAsync(new AuthFailureContext
                {
                    Response = new RegistryApiResponse { Status = status, Method = refusal.Method, Uri = refusal.Uri, Headers = refusal.Headers, Body = refusal.Body, TokenSent = true },
                    Token = options.Token, HeaderName = options.HeaderName, RegistryType = RegistryType.Gateway, RequestBody = refusal.RequestBody, Scopes = scopes,
                }, cancellationToken).ConfigureAwait(false);
                foreach (var check in diagnosis.Checks) log.Verbose(check.ToString());
                foreach (var finding in diagnosis.Findings) log.Warning(finding.ToString());
                failure = failure with { Message = $"{failure.Message} {diagnosis.Code}: {diagnosis.Cause}", Fix = diagnosis.Fix };
            }

            throw failure.ToException(options.Uri);
        }
        finally
        {
            if (session is not null) await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<JsonElement>> AllItemsAsync(McpSession session, string method, string member, string? paramsJson, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        var parameters = paramsJson is null ? new Dictionary<string, JsonElement>() : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(paramsJson) ?? [];
        for (var page = 0; page < McpSession.MaxPages; page++)
        {
            var result = await session.SendRequestAsync(method, JsonSerializer.Serialize(parameters), cancellationToken).ConfigureAwait(false);
            if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty(member, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                items.AddRange(list.EnumerateArray().Select(e => e.Clone()));
            }

            if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("nextCursor", out var next) || next.ValueKind != JsonValueKind.String || next.GetString() is not { Length: > 0 } cursor)
            {
                break;
            }

            parameters["cursor"] = JsonSerializer.SerializeToElement(cursor);
        }

        return items;
    }
}
