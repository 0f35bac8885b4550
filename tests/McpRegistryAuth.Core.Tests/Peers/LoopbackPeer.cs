using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace McpRegistryAuth.Core.Tests.Peers;

/// <summary>
/// A Kestrel server on 127.0.0.1 (random port) that answers each request from a handler with exact
/// bytes, and records what it received. Reusable by any test that needs a real HTTP peer.
/// </summary>
public sealed class LoopbackPeer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackPeer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
    public Uri BaseUri { get; }

    public ConcurrentQueue<PeerRequest> Requests { get; } = new();

    public string Url(string path) => BaseUri.AbsoluteUri.TrimEnd('/') + path;

    /// <param name="handler">Gets the peer's base URL and the request; returns the response bytes.</param>
    public static async Task<LoopbackPeer> StartAsync(Func<Uri, PeerRequest, PeerResponse> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackPeer? peer = null;
        app.Run(async context =>
        {
            var request = new PeerRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
                context.Request.Headers.Accept.ToString());
            peer!.Requests.Enqueue(request);
            var response = handler(peer.BaseUri, request);
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers.Append(name, value);
            }

            await context.Response.Body.WriteAsync(response.Body);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        peer = new LoopbackPeer(app, new Uri(address));
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>What the peer received.</summary>
public sealed record PeerRequest(string Method, string Path, string? Authorization, string Accept);
