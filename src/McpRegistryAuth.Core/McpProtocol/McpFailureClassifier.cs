using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using McpRegistryAuth.Core.Reporting;
using ModelContextProtocol;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// Turns what stopped an MCP exchange (the exception and the HTTP exchanges recorded on the wire) into a
/// failure class with its cause and fix. The wire wins over the exception: the SDK reports a 406 or a
/// dropped session as a generic HTTP error, the recorded status says which it was.
/// </summary>
public static class McpFailureClassifier
{
    private const string BothAcceptTypes = "application/json, text/event-stream";

    public static McpFailure Classify(Exception exception, IReadOnlyList<McpExchange> exchanges, string step, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(exchanges);
        exchanges = exchanges.Where((e, i) => !IsOptional(e, exchanges.Take(i), exchanges.Skip(i + 1))).ToList();
        if (exchanges.LastOrDefault(e => e.Status is 401 or 403) is { } refused)
        {
            var what = refused.RpcMethod ?? refused.Method;
            return new McpFailure(McpFailureClass.Auth, step == McpStepNames.Call || step == McpStepNames.List ? step : McpStepNames.Auth,
                $"The server answered {refused.Status} to {what}{Said(refused)}.", "See the diagnosis above; Test-RegistryToken -Verbose gives the gateway's verdict on the token.",
                refused.Status == 401 ? FailureCategory.AuthenticationError : FailureCategory.PermissionDenied) { Refusal = refused };
        }

        if (exchanges.LastOrDefault(e => e.Status == 406) is { } notAcceptable)
        {
            return Protocol(step, $"The server answered 406 Not Acceptable to {notAcceptable.RpcMethod ?? notAcceptable.Method}{Said(notAcceptable)}: a Streamable HTTP server wants both types in Accept ({BothAcceptTypes}), and the request did not offer what it answers with.",
                $"Send 'Accept: {BothAcceptTypes}' on every POST (curl and custom clients often send only application/json); check that no proxy rewrites Accept.");
        }

        if (exchanges.LastOrDefault(e => e.Status == 404 && e.SentSession) is { } lost)
        {
            return Protocol(step, $"The server answered 404 to {lost.RpcMethod ?? lost.Method} sent with the Mcp-Session-Id it had given: it dropped the session (restarted, expired it, or another replica without it answered).",
                "Run the server stateless, or keep a client on one replica (sticky sessions on Mcp-Session-Id); a client must start a new session after a 404.");
        }

        if (exchanges.LastOrDefault(e => e.Status is >= 200 and < 300 && e.Method == "POST" && e.ContentType is { } type && !IsMcpContentType(type)) is { } wrongType)
        {
            return Protocol(step, $"The server answered {wrongType.RpcMethod ?? "a POST"} with Content-Type '{wrongType.ContentType}', which is neither application/json nor text/event-stream: this URL is not an MCP endpoint (a web page or a proxy's answer).",
                "Check the URL (a gateway server's MCP endpoint ends in /mcp, SSE in /sse) and any proxy in between.");
        }

        if (exchanges.LastOrDefault(e => e.Status is { } s && (s < 200 || s >= 300)) is { } other)
        {
            var fix = other.Status == 405 && other.Method == "GET"
                ? "This endpoint does not serve the SSE transport's GET stream: use -Transport StreamableHttp."
                : other.Status == 404 ? "Check the URL: nothing answers MCP at this path." : "Look at the server's log for this request.";
            return Protocol(step, $"The server answered {other.Status} to {other.Method} {other.Uri.AbsolutePath}{(other.RpcMethod is null ? "" : $" ({other.RpcMethod})")}{Said(other)}.", fix);
        }

        switch (Innermost(exception))
        {
            case TimeoutException or OperationCanceledException:
                return new McpFailure(McpFailureClass.Unreachable, step == McpStepNames.List || step == McpStepNames.Call ? step : McpStepNames.Http,
                    $"No answer{Waiting(exchanges)} within {timeout.TotalSeconds:0.#} s: the server accepted the connection but did not answer.",
                    "Check that the server is not stuck, or give a longer -TimeoutSec.", FailureCategory.OperationTimeout);
            case SocketException or HttpRequestException { StatusCode: null }:
                return new McpFailure(McpFailureClass.Unreachable, McpStepNames.Http, $"The HTTP request failed: {Innermost(exception).Message}",
                    "Check the URL, the port and that the server runs.", FailureCategory.ConnectionError);
            case McpProtocolException rpc:
                return Protocol(step, $"The server answered JSON-RPC error {(int)rpc.ErrorCode}: {rpc.Message}", "Check the method and its params against what the server offers (tools/list, the server's documentation).");
            case JsonException json:
                return Protocol(step, $"The server's answer is not valid JSON-RPC: {json.Message}", "Check that the URL is an MCP endpoint; a proxy may have answered.");
            default:
                return Protocol(step, $"The MCP exchange failed: {exception.Message}", "Run with -Verbose to see each HTTP exchange.");
        }
    }

    /// <summary>
    /// An exchange whose refusal the client gets past: the SDK's server/discover probe (answered 400 by
    /// servers of older protocol versions, then initialize follows) and Streamable HTTP's optional GET stream
    /// (405 from stateless servers, 403 from a gateway whose scope lacks the "mcp" method), once a later
    /// request has been answered.
    /// </summary>
    public static bool IsOptional(McpExchange exchange, IEnumerable<McpExchange> earlier, IEnumerable<McpExchange> later)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (exchange.Status is null or (>= 200 and < 300)) return false;
        var optional = exchange.RpcMethod == "server/discover"
            || (exchange.Method == "GET" && earlier.Any(e => e.Method == "POST" && e.RpcMethod == "initialize" && e.Status is >= 200 and < 300));
        return optional && later.Any(e => e.Method == "POST" && e.Status is >= 200 and < 300);
    }

    /// <summary>Streamable HTTP answers a POST with JSON or an SSE stream; 202 (a notification) has no type.</summary>
    public static bool IsMcpContentType(string contentType)
    {
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase);
    }

    private static McpFailure Protocol(string step, string message, string fix) =>
        new(McpFailureClass.Protocol, step == McpStepNames.Http || step == McpStepNames.Auth ? McpStepNames.Initialize : step, message, fix, FailureCategory.ProtocolError);

    private static string Waiting(IReadOnlyList<McpExchange> exchanges) =>
        exchanges.LastOrDefault(e => e.Status is null) is { } pending ? $" to {pending.RpcMethod ?? pending.Method}" : "";

    private static string Said(McpExchange exchange)
    {
        if (exchange.Body.Length == 0) return "";
        var text = McpWireRecorder.Text(exchange.Body).Trim().ReplaceLineEndings(" ");
        return $" ('{(text.Length > 200 ? text[..200] + "..." : text)}')";
    }

    // The first exception of the chain that says what happened (the SDK wraps transport errors in its own).
    private static Exception Innermost(Exception exception)
    {
        var chain = new List<Exception>();
        for (Exception? e = exception; e is not null; e = e.InnerException) chain.Add(e);
        return chain.FirstOrDefault(e => e is McpProtocolException or TimeoutException or OperationCanceledException or SocketException or JsonException)
            ?? chain.FirstOrDefault(e => e is HttpRequestException) ?? exception;
    }
}
