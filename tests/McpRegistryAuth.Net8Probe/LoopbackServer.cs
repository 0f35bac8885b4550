using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace McpRegistryAuth.Net8Probe;

/// <summary>
/// A loopback HTTP server for the probe: a gateway's /api/servers listing in two limit/offset pages (one
/// item carrying a token field), and an MCP server at /mcp answering JSON-RPC with plain JSON responses
/// (initialize, notifications, ping, tools/list with one tool, tools/call of it).
/// </summary>
internal sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    public LoopbackServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(BaseUri.AbsoluteUri);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener closing ends the loop with an exception; nothing is waiting for it.
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private static void Answer(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            switch (request.HttpMethod, request.Url!.AbsolutePath)
            {
                case ("GET", "/api/servers"):
                    var offset = int.TryParse(request.QueryString["offset"], out var o) ? o : 0;
                    Json(response, 200, offset == 0
                        ? """{"servers":[{"name":"alpha","path":"/alpha","version":2,"token":"probe-secret-value"},{"name":"beta","path":"/beta"}],"total_count":3,"has_next":true}"""
                        : """{"servers":[{"name":"gamma","path":"/gamma"}],"total_count":3,"has_next":false}""");
                    break;
                case ("POST", "/mcp"):
                    Mcp(request, response);
                    break;
                case ("DELETE", "/mcp"):
                    response.StatusCode = 200;
                    break;
                default:
                    response.StatusCode = request.Url.AbsolutePath == "/mcp" ? 405 : 404;
                    break;
            }
        }
        finally
        {
            response.Close();
        }
    }

    private static void Mcp(HttpListenerRequest request, HttpListenerResponse response)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        using var message = JsonDocument.Parse(reader.ReadToEnd());
        var root = message.RootElement;
        var method = root.GetProperty("method").GetString();
        if (!root.TryGetProperty("id", out var id))
        {
            response.StatusCode = 202;
            return;
        }

        var result = method switch
        {
            "ping" => "{}",
            "initialize" => """{"protocolVersion":"2025-03-26","capabilities":{"tools":{}},"serverInfo":{"name":"net8-probe","version":"1.0.0"}}""",
            "tools/list" => """{"tools":[{"name":"echo","description":"Echoes its text.","inputSchema":{"type":"object","properties":{"text":{"type":"string"},"count":{"type":"integer"}}}}]}""",
            "tools/call" => "{\"content\":[{\"type\":\"text\",\"text\":" + JsonSerializer.Serialize(root.GetProperty("params").GetProperty("arguments").GetRawText()) + "}],\"isError\":false}",
            _ => null,
        };
        var answer = result is null ? "\"error\":{\"code\":-32601,\"message\":\"Method not found\"}" : "\"result\":" + result;
        Json(response, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + id.GetRawText() + "," + answer + "}");
    }

    private static void Json(HttpListenerResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
    }
}
