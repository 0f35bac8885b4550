using McpRegistryAuth.Core.Gateway.Scopes;

namespace McpRegistryAuth.Core.McpProtocol;

/// <summary>What an MCP connection is asked: where, with which token in which header, over which transport, and how long to wait.</summary>
public sealed record McpConnectionOptions
{
    public required Uri Uri { get; init; }

    public Secret? Token { get; init; }

    /// <summary>The header the token goes in (TokenHeaderRule: X-Authorization behind the gateway).</summary>
    public string HeaderName { get; init; } = OAuth.TokenHeaderRule.XAuthorization;

    public McpTransportKind Transport { get; init; } = McpTransportKind.StreamableHttp;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A token may go over plain http to a host that is not loopback.</summary>
    public bool AllowUnencryptedAuthentication { get; init; }

    /// <summary>Extra request headers (never logged with their values).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// The protocol version initialize asks for; the server must answer with it (the SDK refuses another).
    /// Null: the SDK's own choice, its newest revision probed with server/discover and then initialize.
    /// </summary>
    public string? ProtocolVersion { get; init; } = DefaultProtocolVersion;

    /// <summary>
    /// The version the gateway's own client recipe sends, which every Streamable HTTP server supports. The SDK's
    /// default probe (server/discover) is a method no gateway scope grants, so behind the gateway it gets a 403.
    /// </summary>
    public const string DefaultProtocolVersion = "2025-03-26";

    /// <summary>The versions the SDK speaks, and "Latest" for its own negotiation.</summary>
    public static readonly IReadOnlyList<string> ProtocolVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28", Latest];

    public const string Latest = "Latest";

    public Http.TrustRoots Trust { get; init; } = Http.TrustRoots.System;
}
