using System.Text;

namespace McpRegistryAuth.Core.Tests.Peers;

/// <summary>Exact bytes a peer answers with: status, headers in order, body.</summary>
public sealed record PeerResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static PeerResponse Json(int status, string body, params KeyValuePair<string, string>[] extraHeaders) =>
        new(status, [new("Content-Type", "application/json"), .. extraHeaders], Encoding.UTF8.GetBytes(body));
}
