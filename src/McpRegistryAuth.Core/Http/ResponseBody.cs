namespace McpRegistryAuth.Core.Http;

/// <summary>
/// Reads response bodies within limits: at most a number of bytes actually read (a 600 MB JWKS stops
/// at the limit, not after arriving whole), and under a deadline that covers the request and the body,
/// so a server sending one byte a second cannot keep a call past its time-out. HttpClient.Timeout alone
/// ends at the response headers when the body is streamed.
/// </summary>
public static class ResponseBody
{
    /// <summary>A token cancelled at the client's time-out or by the caller; dispose it after the body is read.</summary>
    public static CancellationTokenSource Deadline(HttpClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (client.Timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(client.Timeout);
        }

        return deadline;
    }

    /// <summary>The first maxBytes bytes, and whether the body went on past them (then reading stopped).</summary>
    public static async Task<(byte[] Bytes, bool TooLarge)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Headers.ContentLength > maxBytes)
        {
            return ([], true);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var collected = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (collected.Length <= maxBytes)
        {
            var want = (int)Math.Min(chunk.Length, maxBytes + 1 - collected.Length);
            var read = await stream.ReadAsync(chunk.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (collected.ToArray(), false);
            }

            collected.Write(chunk, 0, read);
        }

        return (collected.GetBuffer().AsSpan(0, maxBytes).ToArray(), true);
    }
}
