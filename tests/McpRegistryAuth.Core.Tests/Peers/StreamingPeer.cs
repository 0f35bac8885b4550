using System.Net;
using System.Net.Sockets;
using System.Text;

namespace McpRegistryAuth.Core.Tests.Peers;

/// <summary>
/// A raw HTTP/1.1 peer on 127.0.0.1 that answers 200 with headers at once, then streams the body its
/// own way: one byte a second (a dribble) or as fast as the client takes it (a flood). Both stop by
/// themselves (a byte and time budget) and count the body bytes they managed to send.
/// </summary>
public sealed class StreamingPeer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private long sent;

    private StreamingPeer(bool flood, long maxBytes, TimeSpan maxTime)
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        serving = Task.Run(() => ServeAsync(flood, maxBytes, maxTime));
    }

    public long BytesSent => Interlocked.Read(ref sent);

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/jwks.json");

    public static StreamingPeer Dribble(TimeSpan maxTime) => new(false, long.MaxValue, maxTime);

    public static StreamingPeer Flood(long maxBytes) => new(true, maxBytes, TimeSpan.FromSeconds(60));

    private async Task ServeAsync(bool flood, long maxBytes, TimeSpan maxTime)
    {
        using var client = await listener.AcceptTcpClientAsync(stop.Token);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        budget.CancelAfter(maxTime);
        var stream = client.GetStream();
        var request = new byte[8192];
        _ = await stream.ReadAsync(request, budget.Token);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"), budget.Token);
        var chunk = flood ? new byte[64 * 1024] : "{"u8.ToArray();
        if (flood)
        {
            Array.Fill(chunk, (byte)' ');
        }

        try
        {
            while (BytesSent < maxBytes)
            {
                await stream.WriteAsync(chunk, budget.Token);
                Interlocked.Add(ref sent, chunk.Length);
                if (!flood)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), budget.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
        {
            // The client closed the connection, or the budget ran out.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }
}
