using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpRegistryAuth.Core.Tests.RegistryApi;

/// <summary>What the loopback registry received.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers the routes Invoke-RegistryApi uses as each registry does: a
/// handler per test writes status, headers and body to the real HTTP response. Records every request.
/// </summary>
public sealed class LoopbackRegistry : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackRegistry(WebApplication app, Uri baseUri) => (this.app, BaseUri) = (app, baseUri);

    public Uri BaseUri { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public Uri Url(string pathAndQuery) => new(BaseUri.AbsoluteUri.TrimEnd('/') + pathAndQuery);

    public static async Task<LoopbackRegistry> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackRegistry? registry = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
            registry!.Requests.Enqueue(received);
            await handler(context);
        });
        await app.StartAsync();
        registry = new LoopbackRegistry(app, new Uri(app.Urls.First()));
        return registry;
    }

    public static Task Json(HttpContext context, int status, string json, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers) context.Response.Headers.Append(name, value);
        return context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
