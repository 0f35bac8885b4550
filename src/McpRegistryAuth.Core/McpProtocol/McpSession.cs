using System.Text.Json;
using System.Text.Json.Nodes;
using McpRegistryAuth.Core.Http;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>
/// An MCP client session spoken with the official C# SDK over Streamable HTTP or SSE: opening it runs
/// initialize (the SDK proposes its latest protocol version and accepts the server's), then
/// notifications/initialized; disposing it closes the session (DELETE with the Mcp-Session-Id, or the SSE
/// stream). Only BCL and module types leave this class; the SDK's stay inside.
/// </summary>
public sealed class McpSession : IAsyncDisposable
{
    private readonly ModelContextProtocol.Client.McpClient client;

    private McpSession(ModelContextProtocol.Client.McpClient client, McpWireRecorder recorder, McpTransportKind transport)
    {
        this.client = client;
        Recorder = recorder;
        Transport = transport;
    }

    public McpWireRecorder Recorder { get; }

    public McpTransportKind Transport { get; }

    public string? ServerName => client.ServerInfo?.Name;

    public string? ServerVersion => client.ServerInfo?.Version;

    public string? ProtocolVersion => client.NegotiatedProtocolVersion;

    public bool HasSession => !string.IsNullOrEmpty(client.SessionId);

    public bool HasTools => client.ServerCapabilities?.Tools is not null;

    public bool HasResources => client.ServerCapabilities?.Resources is not null;

    public bool HasPrompts => client.ServerCapabilities?.Prompts is not null;

    /// <summary>The capability names the server announced, in the protocol's order.</summary>
    public IReadOnlyList<string> Capabilities
    {
        get
        {
            var capabilities = client.ServerCapabilities;
            var names = new List<string>();
            if (capabilities is null) return names;
            if (capabilities.Tools is not null) names.Add("tools");
            if (capabilities.Resources is not null) names.Add("resources");
            if (capabilities.Prompts is not null) names.Add("prompts");
#pragma warning disable MCP9005 // servers of the current protocol versions still announce logging
            if (capabilities.Logging is not null) names.Add("logging");
#pragma warning restore MCP9005
            if (capabilities.Completions is not null) names.Add("completions");
            if (capabilities.Experimental is { Count: > 0 }) names.Add("experimental");
            return names;
        }
    }

    /// <summary>Opens the session: the HTTP client (module trust roots, the recorder in front), the transport, initialize.</summary>
    public static async Task<McpSession> OpenAsync(McpConnectionOptions options, McpWireRecorder recorder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = HttpClientFactory.Create(new HttpClientOptions
        {
            Trust = options.Trust, Timeout = options.Timeout, ConnectTimeout = options.Timeout, Outermost = recorder,
            MaxResponseBytes = 16 * 1024 * 1024, UserAgent = "McpRegistryAuth/0.1",
        });
        var transportOptions = new HttpClientTransportOptions
        {
            Endpoint = options.Uri, Name = "McpRegistryAuth", ConnectionTimeout = options.Timeout,
            TransportMode = options.Transport switch
            {
                McpTransportKind.Sse => HttpTransportMode.Sse,
                McpTransportKind.AutoDetect => HttpTransportMode.AutoDetect,
                _ => HttpTransportMode.StreamableHttp,
            },
        };
        var transport = new HttpClientTransport(transportOptions, http, loggerFactory: null, ownsHttpClient: true);
        var clientOptions = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "McpRegistryAuth", Version = "0.1.0" },
            InitializationTimeout = options.Timeout,
            ProtocolVersion = options.ProtocolVersion,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var client = await ModelContextProtocol.Client.McpClient.CreateAsync(transport, clientOptions, loggerFactory: null, timeout.Token).ConfigureAwait(false);
            return new McpSession(client, recorder, options.Transport);
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task PingAsync(CancellationToken cancellationToken) =>
        await client.PingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>tools/list, following nextCursor to the last page.</summary>
    public async Task<(IReadOnlyList<McpListedTool> Tools, int Pages)> ListToolsAsync(CancellationToken cancellationToken)
    {
        var tools = new List<McpListedTool>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            pages++;
            tools.AddRange(page.Tools.Select(t => new McpListedTool(t.Name, t.Description)));
            cursor = page.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor) && pages < MaxPages);
        return (tools, pages);
    }

    /// <summary>The most pages any list is followed for: a server that always answers a cursor would loop.</summary>
    public const int MaxPages = 1000;

    public async Task<int> CountResourcesAsync(CancellationToken cancellationToken) =>
        (await client.ListResourcesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Count;

    public async Task<int> CountPromptsAsync(CancellationToken cancellationToken) =>
        (await client.ListPromptsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>tools/call: whether the tool answered with isError, and its text content.</summary>
    public async Task<(bool IsError, string Text)> CallToolAsync(string name, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(name, arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        return (result.IsError == true, text);
    }

    /// <summary>Any JSON-RPC request: the result as JSON text. A JSON-RPC error surfaces as the SDK's protocol exception.</summary>
    public async Task<JsonElement> SendRequestAsync(string method, string? paramsJson, CancellationToken cancellationToken)
    {
        var request = new JsonRpcRequest { Method = method, Params = paramsJson is null ? null : JsonNode.Parse(paramsJson) };
        var response = await client.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Result?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    /// <summary>A JSON-RPC notification (no answer).</summary>
    public async Task SendNotificationAsync(string method, string? paramsJson, CancellationToken cancellationToken)
    {
        var notification = new JsonRpcNotification { Method = method, Params = paramsJson is null ? null : JsonNode.Parse(paramsJson) };
        await client.SendMessageAsync(notification, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await client.DisposeAsync().ConfigureAwait(false);
}

/// <summary>A tool as tools/list names it.</summary>
public sealed record McpListedTool(string Name, string? Description);
