namespace McpRegistryAuth.Core.Requests;

/// <summary>The request headers the modelled servers read from a client, for tab completion of -Header.</summary>
public static class RequestHeaderNames
{
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        ("Authorization", "Bearer <token>: read by every server (-Token fills it)"),
        ("X-Authorization", "gateway: read before Authorization"),
        ("Cookie", "gateway: the registry's session cookie"),
        ("If-None-Match", "toolregistry-server: its ETag middleware answers 304 before auth"),
    ];
}
